import EdgeCore
import RetailWarehouse

/// Loads batches into MySQL 8 or MariaDB: creates and migrates the star schema, then per batch
/// writes the dimension members it needs and its rows with multi-row
/// `INSERT … ON DUPLICATE KEY UPDATE` statements sized to the server's `max_allowed_packet`, in
/// one transaction: idempotent, so a replay after a crash changes nothing. Runs on a dedicated
/// thread.
actor MySQLSink: SinkStage {
    let url: MySQLURL
    let options: WarehouseSinkOptions
    let dialect = MySQLDialect()
    nonisolated let executor: DedicatedThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private var connection: MySQLConnection?
    private var loader: WarehouseLoader
    /// Bytes per statement: half the server's max_allowed_packet, at most 8 MiB.
    private var statementLimit = 1 << 20

    init(url: MySQLURL, options: WarehouseSinkOptions, stage: String) {
        self.url = url
        self.options = options
        self.loader = WarehouseLoader(timeZone: options.timeZone)
        self.executor = DedicatedThreadExecutor(name: "mysql:\(stage)")
    }

    deinit { executor.shutdown() }

    func open(_ context: StageContext) async throws {
        let connection = try MySQLConnection(url: url)
        try connection.execute("SET time_zone = '+00:00'")
        // Strict mode everywhere: an out-of-range value is an error (dead-lettered), never
        // silently clipped.
        try connection.execute("SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'")
        if let packet = try connection.scalar("SELECT @@max_allowed_packet").flatMap({ Int($0) }) {
            statementLimit = max(64 << 10, min(packet / 2, 8 << 20))
        }
        _ = try connection.scalar("SELECT GET_LOCK('retail_edge_migration', 60)")
        defer { _ = try? connection.scalar("SELECT RELEASE_LOCK('retail_edge_migration')") }
        let found = try SchemaMigrator.migrate(connection, dialect: dialect)
        for table in options.tables where StarSchema.current.table(named: table.name) == nil {
            try connection.execute(dialect.createTable(table))
        }
        self.connection = connection
        loader = WarehouseLoader(timeZone: options.timeZone)
        try SQLTransaction.run(begin: "START TRANSACTION", execute: connection.execute) {
            for write in loader.initialWrites(catalog: options.catalog) { try insert(write, on: connection) }
        }
        context.logger.debug("mysql connected", metadata: ["max_statement_bytes": "\(statementLimit)", "schema_version_found": "\(found.map(String.init) ?? "none")"])
    }

    func write(_ batch: RecordBatch, input: Int) async throws {
        guard let connection else { throw MySQLError(code: 2006, message: "not connected") }
        let plan = loader.plan(batch, into: options.tables[input])
        try SQLTransaction.run(begin: "START TRANSACTION", execute: connection.execute) {
            for write in plan.writes { try insert(write, on: connection) }
        }
        loader.committed(plan)
    }

    /// Multi-row statements, each below the statement limit.
    private func insert(_ write: WarehouseWrite, on connection: MySQLConnection) throws {
        let prefix = Array(dialect.insertPrefix(write.table).utf8)
        let suffix = Array(dialect.upsertSuffix(write.table, onConflict: write.onConflict).utf8)
        var sql = prefix
        var rows = 0
        var tuple: [UInt8] = []
        for row in 0..<write.batch.count {
            tuple.removeAll(keepingCapacity: true)
            tuple.append(UInt8(ascii: "("))
            MySQLValues.append(write.batch, row: row, connection: connection, to: &tuple)
            tuple.append(UInt8(ascii: ")"))
            if rows > 0, sql.count + tuple.count + suffix.count + 1 > statementLimit {
                try connection.execute(bytes: sql + suffix)
                sql = prefix
                rows = 0
            }
            if rows > 0 { sql.append(UInt8(ascii: ",")) }
            sql.append(contentsOf: tuple)
            rows += 1
        }
        if rows > 0 { try connection.execute(bytes: sql + suffix) }
    }

    /// Every batch commits on its own (InnoDB); a committed transaction is durable.
    func commit() async throws {}

    func close() async {
        connection = nil
    }
}
