import EdgeCore
import Logging

/// The database sinks' one sequence, whatever the database: connect, migrate the star schema
/// under the database's migration lock, create the free-column tables, write the dimensions'
/// fixed and catalogue members; then per batch plan the writes, run them in one transaction and
/// remember what was committed. Idempotent (upserts on natural keys), so a replay after a crash
/// changes nothing. Keeps source positions (``SourcePositions``): a batch carrying a
/// ``SourceRange`` lands with its shard's next position in one transaction, and only once.
/// Runs on a dedicated thread: the C clients behind the connections block. A sink whose plugin
/// reads its database back (an analyst page) hands the routes in; the status API mounts them.
public actor WarehouseSink<Database: WarehouseDatabase>: PositionKeepingSink, StatusRouteProviding {
    let database: Database
    let options: WarehouseSinkOptions
    /// The stage id, the `sink` column of its stored positions.
    let stage: String
    nonisolated let executor: DedicatedThreadExecutor
    public nonisolated let statusRoutes: [StatusRoute]
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private var connection: Database.Connection?
    private var loader: WarehouseLoader
    private var logger: Logger?

    public init(database: Database, options: WarehouseSinkOptions, stage: String, statusRoutes: [StatusRoute] = []) {
        self.database = database
        self.options = options
        self.stage = stage
        self.statusRoutes = statusRoutes
        self.loader = WarehouseLoader(timeZone: options.timeZone, calendars: options.calendars)
        self.executor = DedicatedThreadExecutor(name: "\(database.dialect.name):\(stage)")
    }

    deinit { executor.shutdown() }

    public func open(_ context: StageContext) async throws {
        connection = nil
        logger = context.logger
        let dialect = database.dialect
        let connection = try database.connect()
        let found = try Self.migrate(connection, dialect: dialect, freeColumnTables: options.tables)
        loader = WarehouseLoader(timeZone: options.timeZone, calendars: options.calendars)
        let dated = try Self.datedYears(connection, dialect: dialect)
        try Self.transaction(loading: loader.initialWrites(catalog: options.catalog, datedYears: dated), on: connection, dialect: dialect)
        self.connection = connection
        let metadata = connection.openedMetadata.merging(["schema_version_found": found.map(String.init) ?? "none"]) { $1 }
        context.logger.debug("\(dialect.name) opened", metadata: metadata.mapValues { .string($0) })
        for warning in connection.openingWarnings { context.logger.warning("\(warning)") }
    }

    /// Migrates the star schema and creates the free-column tables, under the database's
    /// migration lock; returns the schema version found (nil: none).
    private static func migrate(_ connection: Database.Connection, dialect: Database.Connection.Dialect, freeColumnTables tables: [WarehouseTable]) throws -> Int? {
        try connection.whileHoldingMigrationLock(dialect: dialect) {
            let found = try SchemaMigrator.migrate(connection, dialect: dialect)
            for table in tables + [SourcePositions.table] where StarSchema.current.table(named: table.name) == nil {
                try connection.execute(dialect.createTable(table))
            }
            return found
        }
    }

    /// The years `dim_date` already covers (nil: none), whose holidays a calendar new to the
    /// database (or a database migrated from version 3) still needs in `dim_holiday`.
    private static func datedYears(_ connection: Database.Connection, dialect: Database.Connection.Dialect) throws -> ClosedRange<Int>? {
        let table = dialect.qualified("dim_date"), year = dialect.quote("year")
        guard let first = try connection.scalar("SELECT MIN(\(year)) FROM \(table)").flatMap({ Int($0) }),
              let last = try connection.scalar("SELECT MAX(\(year)) FROM \(table)").flatMap({ Int($0) }), first <= last else { return nil }
        return first...last
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
        var plan = loader.plan(batch, into: options.tables[input])
        if options.additive[input] { plan.merge(.add, into: options.tables[input]) }
        guard let range = batch.provenance?.range else {
            try Self.transaction(loading: plan.writes, on: connection, dialect: database.dialect)
            loader.committed(plan)
            return
        }
        let dialect = database.dialect
        var decision = SourcePositions.Decision.apply
        try SQLTransaction.run(begin: dialect.beginTransaction, execute: connection.execute) {
            let stored = try SourcePositions.read(connection, dialect: dialect, sink: stage, source: range.source, shard: range.shard)
            decision = SourcePositions.decide(range, stored: stored)
            guard decision == .apply else { return }
            try connection.load(plan.writes + [SourcePositions.write(sink: stage, source: range.source, [(range.shard, range.to, range.owner)])], dialect: dialect)
        }
        switch decision {
        case .apply: loader.committed(plan)
        case .applied: logger?.debug("range applied already; skipped", metadata: ["range": "\(range)"])
        case .fenced:
            logger?.info("shard claimed by another reader; its rows skipped here (the new owner applies them)",
                         metadata: ["range": "\(range)", "rows": "\(batch.count)"])
        case .overlaps:
            logger?.warning("range overlaps the stored position; skipped (its totals cannot be split)",
                            metadata: ["range": "\(range)", "rows": "\(batch.count)"])
        }
    }

    /// Takes shards over for the claim `owner` and returns their stored next positions.
    public func claim(source: String, shards: [String], owner: String) async throws -> [String: Int64] {
        guard let connection else { throw WarehouseError(code: .notOpen, message: "the \(database.dialect.name) sink is not open") }
        let dialect = database.dialect
        // In one order, so that two claims of overlapping shards lock their rows alike.
        let shards = shards.sorted()
        var held: [String: Int64] = [:]
        try SQLTransaction.run(begin: dialect.beginTransaction, execute: connection.execute) {
            held = [:]
            for shard in shards {
                if let next = try SourcePositions.read(connection, dialect: dialect, sink: stage, source: source, shard: shard)?.next { held[shard] = next }
            }
            try connection.load([SourcePositions.write(sink: stage, source: source, shards.map { ($0, held[$0], owner) })], dialect: dialect)
        }
        return held
    }

    /// Every batch commits in its own transaction, which is durable once committed; nothing is
    /// left to do at a barrier.
    public func commit() async throws {}

    public func close() async {
        connection = nil
    }
}
