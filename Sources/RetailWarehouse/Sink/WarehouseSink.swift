import EdgeCore

/// The database sinks' one sequence, whatever the database: connect, migrate the star schema
/// under the database's migration lock, create the free-column tables, write the dimensions'
/// fixed and catalogue members; then per batch plan the writes, run them in one transaction and
/// remember what was committed. Idempotent (upserts on natural keys), so a replay after a crash
/// changes nothing. Runs on a dedicated thread: the C clients behind the connections block.
public actor WarehouseSink<Database: WarehouseDatabase>: SinkStage {
    let database: Database
    let options: WarehouseSinkOptions
    nonisolated let executor: DedicatedThreadExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private var connection: Database.Connection?
    private var loader: WarehouseLoader

    public init(database: Database, options: WarehouseSinkOptions, stage: String) {
        self.database = database
        self.options = options
        self.loader = WarehouseLoader(timeZone: options.timeZone)
        self.executor = DedicatedThreadExecutor(name: "\(database.dialect.name):\(stage)")
    }

    deinit { executor.shutdown() }

    public func open(_ context: StageContext) async throws {
        connection = nil
        let dialect = database.dialect
        let connection = try database.connect()
        let found = try Self.migrate(connection, dialect: dialect, freeColumnTables: options.tables)
        try connection.prepare(tables: StarSchema.current.tables + options.tables, dialect: dialect)
        loader = WarehouseLoader(timeZone: options.timeZone)
        try Self.transaction(loading: loader.initialWrites(catalog: options.catalog), on: connection, dialect: dialect)
        self.connection = connection
        let metadata = connection.openedMetadata.merging(["schema_version_found": found.map(String.init) ?? "none"]) { $1 }
        context.logger.debug("\(dialect.name) opened", metadata: metadata.mapValues { .string($0) })
    }

    /// Migrates the star schema and creates the free-column tables, under the database's
    /// migration lock; returns the schema version found (nil: none).
    private static func migrate(_ connection: Database.Connection, dialect: Database.Connection.Dialect, freeColumnTables tables: [WarehouseTable]) throws -> Int? {
        try connection.whileHoldingMigrationLock(dialect: dialect) {
            let found = try SchemaMigrator.migrate(connection, dialect: dialect)
            for table in tables where StarSchema.current.table(named: table.name) == nil {
                try connection.execute(dialect.createTable(table))
            }
            return found
        }
    }

    /// Runs `writes` in one transaction.
    private static func transaction(loading writes: [WarehouseWrite], on connection: Database.Connection, dialect: Database.Connection.Dialect) throws {
        try SQLTransaction.run(begin: dialect.beginTransaction, execute: connection.execute) {
            try connection.load(writes, dialect: dialect)
        }
    }

    public func write(_ batch: RecordBatch, input: Int) async throws {
        guard let connection else { throw WarehouseError(code: .notOpen, message: "the \(database.dialect.name) sink is not open") }
        if let outside = loader.dateOutsideCalendar(batch, into: options.tables[input]) { throw outside }
        let plan = loader.plan(batch, into: options.tables[input])
        try Self.transaction(loading: plan.writes, on: connection, dialect: database.dialect)
        loader.committed(plan)
    }

    /// Every batch commits in its own transaction, which is durable once committed; nothing is
    /// left to do at a barrier.
    public func commit() async throws {}

    public func close() async {
        connection = nil
    }
}
