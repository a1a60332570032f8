import EdgeCore
import Foundation

/// The embedded default sink: writes each named record kind to its table (free columns to
/// `table:`), upserting on the natural key, one transaction per batch, in WAL mode. Runs on a
/// dedicated thread so SQLite's blocking calls never hold up the cooperative pool.
actor SQLiteSink: SinkStage {
    let path: String
    /// The table each input lands in, by input position.
    let tables: [WarehouseTable]
    let synchronous: String
    nonisolated let executor: DedicatedThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private var connection: SQLiteConnection?
    private var upserts: [SQLiteStatement] = []

    init(path: String, tables: [WarehouseTable], synchronous: String, stage: String) {
        self.path = path
        self.tables = tables
        self.synchronous = synchronous
        self.executor = DedicatedThreadExecutor(name: "sqlite:\(stage)")
    }

    deinit { executor.shutdown() }

    func open(_ context: StageContext) async throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let connection = try SQLiteConnection(path: path)
        try connection.execute("PRAGMA journal_mode=WAL")
        try connection.execute("PRAGMA synchronous=\(synchronous.uppercased())")
        var statements: [SQLiteStatement] = []
        for table in tables {
            try connection.execute(SQLiteDialect.createTable(table))
            statements.append(try connection.prepare(SQLiteDialect.upsert(table)))
        }
        self.connection = connection
        self.upserts = statements
        context.logger.debug("sqlite opened", metadata: ["path": "\(path)"])
    }

    func write(_ batch: RecordBatch, input: Int) async throws {
        guard let connection else { throw SQLiteError(code: 21, message: "not open", path: path) }
        let statement = upserts[input]
        try SQLTransaction.run(begin: "BEGIN IMMEDIATE", execute: connection.execute) {
            try SQLiteBinder.insert(batch, with: statement)
        }
    }

    /// Each batch commits in its own transaction with `synchronous=FULL`, so a finished write is
    /// already durable; nothing is left to do at a barrier.
    func commit() async throws {}

    func close() async {
        upserts = []
        connection = nil
    }
}
