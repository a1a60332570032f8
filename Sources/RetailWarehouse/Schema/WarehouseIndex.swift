/// A secondary index of a warehouse table: the columns Power BI's DirectQuery filters and joins
/// on (date, store, product) beyond the primary key's leading column.
public struct WarehouseIndex: Sendable, Hashable {
    /// Unique in the database (PostgreSQL names indexes per schema): `ix_<table>_<what>`.
    public var name: String
    public var columns: [String]
    /// The schema version that added the index; migrations create newer indexes on old tables.
    public var since: Int

    public init(_ name: String, on columns: [String], since: Int = 1) {
        self.name = name
        self.columns = columns
        self.since = since
    }
}
