import EdgeCore

/// Loads batches into MySQL 8 or MariaDB with multi-row `INSERT … ON DUPLICATE KEY UPDATE`
/// statements sized to the server's `max_allowed_packet`, in one transaction per batch:
/// idempotent, so a replay after a crash changes nothing. Runs on a dedicated thread.
actor MySQLSink: SinkStage {
    let url: MySQLURL
    let tables: [WarehouseTable]
    nonisolated let executor: DedicatedThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private var connection: MySQLConnection?
    /// Bytes per statement: half the server's max_allowed_packet, at most 8 MiB.
    private var statementLimit = 1 << 20

    init(url: MySQLURL, tables: [WarehouseTable], stage: String) {
        self.url = url
        self.tables = tables
        self.executor = DedicatedThreadExecutor(name: "mysql:\(stage)")
    }

    deinit { executor.shutdown() }

    func open(_ context: StageContext) async throws {
        let connection = try MySQLConnection(url: url)
        try connection.execute("SET time_zone = '+00:00'")
        if let packet = try connection.scalar("SELECT @@max_allowed_packet").flatMap({ Int($0) }) {
            statementLimit = max(64 << 10, min(packet / 2, 8 << 20))
        }
        for table in tables { try connection.execute(MySQLDialect.createTable(table)) }
        self.connection = connection
        context.logger.debug("mysql connected", metadata: ["max_statement_bytes": "\(statementLimit)"])
    }

    func write(_ batch: RecordBatch, input: Int) async throws {
        guard let connection else { throw MySQLError(code: 2006, message: "not connected") }
        let table = tables[input]
        let prefix = Array(MySQLDialect.insertPrefix(table).utf8)
        let suffix = Array(MySQLDialect.upsertSuffix(table).utf8)
        try SQLTransaction.run(begin: "START TRANSACTION", execute: connection.execute) {
            var sql = prefix
            var rows = 0
            for row in 0..<batch.count {
                var tuple: [UInt8] = [UInt8(ascii: "(")]
                MySQLValues.append(batch, row: row, connection: connection, to: &tuple)
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
    }

    /// Every batch commits on its own (InnoDB); a committed transaction is durable.
    func commit() async throws {}

    func close() async {
        connection = nil
    }
}
