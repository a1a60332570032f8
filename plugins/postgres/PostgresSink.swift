import EdgeCore

/// Loads batches into PostgreSQL: COPY into a temporary staging table, then one
/// `INSERT … ON CONFLICT … DO UPDATE` into the target, in one transaction per batch, so writes
/// are bulk-fast and idempotent. Runs on a dedicated thread (libpq blocks).
actor PostgresSink: SinkStage {
    let url: String
    let schema: String
    let tables: [WarehouseTable]
    nonisolated let executor: DedicatedThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private var connection: PostgresConnection?

    init(url: String, schema: String, tables: [WarehouseTable], stage: String) {
        self.url = url
        self.schema = schema
        self.tables = tables
        self.executor = DedicatedThreadExecutor(name: "postgres:\(stage)")
    }

    deinit { executor.shutdown() }

    func open(_ context: StageContext) async throws {
        let connection = try PostgresConnection(url: url)
        try connection.execute("CREATE SCHEMA IF NOT EXISTS \(PostgresDialect.quote(schema))")
        for table in tables {
            try connection.execute(PostgresDialect.createTable(table, schema: schema))
            try connection.execute(PostgresDialect.createStaging(table, schema: schema))
        }
        self.connection = connection
        context.logger.debug("postgres connected")
    }

    func write(_ batch: RecordBatch, input: Int) async throws {
        guard let connection else { throw PostgresError(sqlState: "08003", message: "not connected") }
        let table = tables[input]
        try SQLTransaction.run(execute: connection.execute) {
            try connection.copy(PostgresDialect.copyIntoStaging(table), data: CopyEncoder.encode(batch))
            try connection.execute(PostgresDialect.upsertFromStaging(table, schema: schema))
        }
    }

    /// Every batch commits on its own; a committed transaction is durable.
    func commit() async throws {}

    func close() async {
        connection = nil
    }
}
