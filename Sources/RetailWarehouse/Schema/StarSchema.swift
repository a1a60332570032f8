import EdgeCore

/// The warehouse the database sinks create and migrate: date, store and product dimensions,
/// one fact table per named record kind (plus snapshots), and views for Power BI. The same names and types on
/// every dialect.
public struct StarSchema: Sendable {
    /// Bumped by every additive change; stored in ``versionTable``.
    public var version: Int
    /// Dimensions first, so that foreign keys resolve in creation order.
    public var tables: [WarehouseTable]
    public var views: [WarehouseView]
    /// Which table each named record kind lands in.
    public var tableForKind: [String: String]
    /// Tables that also receive every batch loaded into another table, keyed so that rows
    /// accumulate (`fact_forecast` keeps the latest run, its snapshot every run).
    public var snapshotTables: [String: String]

    public init(version: Int, tables: [WarehouseTable], views: [WarehouseView], tableForKind: [String: String], snapshotTables: [String: String] = [:]) {
        self.version = version
        self.tables = tables
        self.views = views
        self.tableForKind = tableForKind
        self.snapshotTables = snapshotTables
    }

    /// The table recording which schema versions were applied.
    public static let versionTable = "retail_edge_schema"

    /// The key of the "unknown" member of the store and product dimensions: facts never hold
    /// NULL keys (Power BI's "assume referential integrity" needs them to match).
    public static let unknownMember = "unknown"
    /// The key of the "all" member, for rows about every store or product (global metrics).
    public static let allMember = "all"

    public func table(named name: String) -> WarehouseTable? {
        tables.first { $0.name == name }
    }

    /// The table that also receives every batch loaded into `table`, if any.
    public func snapshotTable(of table: WarehouseTable) -> WarehouseTable? {
        snapshotTables[table.name].flatMap(self.table(named:))
    }

    public func table(forKind kind: String) -> WarehouseTable? {
        tableForKind[kind].flatMap(table(named:))
    }

    /// The record schema producers emit for a named kind.
    public func recordSchema(forKind kind: String) -> Schema? {
        table(forKind: kind).map { Schema($0.recordFields, kind: kind) }
    }
}
