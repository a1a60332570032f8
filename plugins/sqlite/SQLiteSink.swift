import EdgeCore
import Foundation
import RetailWarehouse

/// The embedded default sink: creates and migrates the star schema, writes each named record
/// kind to its table (free columns to `table:`) with the dimension members it needs, upserting
/// on natural keys, one transaction per batch, in WAL mode. Runs on a dedicated thread so
/// SQLite's blocking calls never hold up the cooperative pool.
actor SQLiteSink: SinkStage {
    let path: String
    let options: WarehouseSinkOptions
    let synchronous: String
    let dialect = SQLiteDialect()
    nonisolated let executor: DedicatedThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private var connection: SQLiteConnection?
    private var loader: WarehouseLoader
    /// Prepared inserts by table name and conflict action.
    private var statements: [String: SQLiteStatement] = [:]

    init(path: String, options: WarehouseSinkOptions, synchronous: String, stage: String) {
        self.path = path
        self.options = options
        self.synchronous = synchronous
        self.loader = WarehouseLoader(timeZone: options.timeZone)
        self.executor = DedicatedThreadExecutor(name: "sqlite:\(stage)")
    }

    deinit { executor.shutdown() }

    func open(_ context: StageContext) async throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let connection = try SQLiteConnection(path: path)
        try connection.execute("PRAGMA journal_mode=WAL")
        try connection.execute("PRAGMA synchronous=\(synchronous.uppercased())")
        try connection.execute("PRAGMA foreign_keys=ON")
        let found = try SchemaMigrator.migrate(connection, dialect: dialect)
        for table in options.tables where StarSchema.current.table(named: table.name) == nil {
            try connection.execute(dialect.createTable(table))
        }
        self.connection = connection
        statements = [:]
        loader = WarehouseLoader(timeZone: options.timeZone)
        try SQLTransaction.run(begin: "BEGIN IMMEDIATE", execute: connection.execute) {
            for write in loader.initialWrites(catalog: options.catalog) { try insert(write, on: connection) }
        }
        context.logger.debug("sqlite opened", metadata: ["path": "\(path)", "schema_version_found": "\(found.map(String.init) ?? "none")"])
    }

    func write(_ batch: RecordBatch, input: Int) async throws {
        guard let connection else { throw SQLiteError(code: 21, message: "not open", path: path) }
        let plan = loader.plan(batch, into: options.tables[input])
        try SQLTransaction.run(begin: "BEGIN IMMEDIATE", execute: connection.execute) {
            for write in plan.writes { try insert(write, on: connection) }
        }
        loader.committed(plan)
    }

    private func insert(_ write: WarehouseWrite, on connection: SQLiteConnection) throws {
        let key = write.table.name + (write.onConflict == .ignore ? "/ignore" : "/update")
        let statement: SQLiteStatement
        if let prepared = statements[key] {
            statement = prepared
        } else {
            statement = try connection.prepare(dialect.insert(write.table, onConflict: write.onConflict))
            statements[key] = statement
        }
        try SQLiteBinder.insert(write.batch, with: statement)
    }

    /// Each batch commits in its own transaction with `synchronous=FULL`, so a finished write is
    /// already durable; nothing is left to do at a barrier.
    func commit() async throws {}

    func close() async {
        statements = [:]
        connection = nil
    }
}
