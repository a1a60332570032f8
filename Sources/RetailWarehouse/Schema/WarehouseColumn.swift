import EdgeCore

/// One column of a warehouse table: its SQL type, whether it may be null, the dimension it
/// references, and where its values come from.
public struct WarehouseColumn: Sendable, Hashable {
    /// Where a column's values come from.
    public enum Origin: Sendable, Hashable {
        /// The record field of the same name.
        case field
        /// The local calendar day of a timestamp column of the same row (Power BI drops time
        /// zones, so every UTC timestamp has a local-date column beside it).
        case localDate(of: String)
    }

    public var name: String
    public var recordType: ColumnType
    public var sqlType: SQLColumnType
    public var nullable: Bool
    /// The dimension table whose key this column holds (a declared foreign key).
    public var references: String?
    public var origin: Origin
    /// The schema version that added the column; migrations add newer columns to old tables.
    public var since: Int

    public init(_ name: String, _ recordType: ColumnType, _ sqlType: SQLColumnType, nullable: Bool = false,
                references: String? = nil, origin: Origin = .field, since: Int = 1) {
        self.name = name
        self.recordType = recordType
        self.sqlType = sqlType
        self.nullable = nullable
        self.references = references
        self.origin = origin
        self.since = since
    }

    /// The record field this column is loaded from, when it comes from one. A key of a store or
    /// product dimension may be null in records: the loader stores it as the `unknown` member.
    public var field: Field? {
        origin == .field ? Field(name, recordType, nullable: nullable || (references != nil && recordType == .string)) : nil
    }
}
