import EdgeCore
import RetailWarehouse

/// Loads batches into PostgreSQL: creates and migrates the star schema, then per batch COPYs
/// the dimension members it needs and its rows into temporary staging tables and moves them
/// with `INSERT … ON CONFLICT`, in one transaction: bulk-fast and idempotent. Runs on a
/// dedicated thread (libpq blocks).
actor PostgresSink: SinkStage {
    let url: String
    let dialect: PostgresDialect
    let options: WarehouseSinkOptions
    nonisolated let executor: DedicatedThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private var connection: PostgresConnection?
    private var loader: WarehouseLoader

    init(url: String, schema: String, options: WarehouseSinkOptions, stage: String) {
        self.url = url
        self.dialect = PostgresDialect(schema: schema)
        self.options = options
        self.loader = WarehouseLoader(timeZone: options.timeZone)
        self.executor = DedicatedThreadExecutor(name: "postgres:\(stage)")
    }

    deinit { executor.shutdown() }

    func open(_ context: StageContext) async throws {
        self.connection = nil
        let connection = try PostgresConnection(url: url)
        try connection.execute("SET TIME ZONE 'UTC'")
        try connection.execute("SET client_min_messages TO WARNING")
        self.connection = connection
        // DDL is transactional here: a migration applies completely or not at all, and the
        // advisory lock keeps two agents from migrating the same database at once.
        var found: Int?
        try SQLTransaction.run(execute: connection.execute) {
            try connection.execute("SELECT pg_advisory_xact_lock(\(Self.migrationLock))")
            found = try SchemaMigrator.migrate(connection, dialect: dialect)
            for table in options.tables where StarSchema.current.table(named: table.name) == nil {
                try connection.execute(dialect.createTable(table))
            }
        }
        // Staging tables are created outside any batch's transaction: a rolled-back batch must
        // not take them along.
        for table in StarSchema.current.tables + options.tables {
            try connection.execute(dialect.createStaging(table))
        }
        loader = WarehouseLoader(timeZone: options.timeZone)
        try SQLTransaction.run(execute: connection.execute) {
            try load(loader.initialWrites(catalog: options.catalog), on: connection)
        }
        context.logger.debug("postgres connected", metadata: ["schema_version_found": "\(found.map(String.init) ?? "none")"])
    }

    /// An arbitrary constant naming retail-edge's migration lock.
    static let migrationLock = 0x7265_7461_696C

    func write(_ batch: RecordBatch, input: Int) async throws {
        guard let connection else { throw PostgresError(sqlState: "08003", message: "not connected") }
        let plan = loader.plan(batch, into: options.tables[input])
        try SQLTransaction.run(execute: connection.execute) {
            try load(plan.writes, on: connection)
        }
        loader.committed(plan)
    }

    /// Runs `writes` in the open transaction, each through its table's staging table.
    private func load(_ writes: [WarehouseWrite], on connection: PostgresConnection) throws {
        var used: Set<String> = []
        for write in writes {
            let staging = dialect.quote(dialect.stagingName(write.table))
            // Staging rows go at commit; a second write to the same table must not see the first's.
            if !used.insert(write.table.name).inserted { try connection.execute("TRUNCATE \(staging)") }
            try connection.copy(dialect.copyIntoStaging(write.table), data: CopyEncoder.encode(write.batch))
            try connection.execute(dialect.upsertFromStaging(write.table, onConflict: write.onConflict))
        }
    }

    /// Every batch commits on its own; a committed transaction is durable.
    func commit() async throws {}

    func close() async {
        connection = nil
    }
}
