import EdgeCore

/// A table a database sink writes a record stream into: its columns, natural key and foreign
/// keys. Star-schema tables come from ``StarSchema``; free-column streams get a plain table.
public struct WarehouseTable: Sendable, Hashable {
    public var name: String
    public var columns: [WarehouseColumn]
    /// The columns of the primary key; upserts replace rows with the same key.
    public var key: [String]
    /// Secondary indexes, for the filters the key does not serve.
    public var indexes: [WarehouseIndex]
    /// The schema version that added the table.
    public var since: Int

    public init(name: String, columns: [WarehouseColumn], key: [String], indexes: [WarehouseIndex] = [], since: Int = 1) {
        self.name = name
        self.columns = columns
        self.key = key
        self.indexes = indexes
        self.since = since
    }

    /// A table for free columns: each record field becomes a column of the matching type.
    public init(name: String, fields: [Field], key: [String]) {
        let columns = fields.map {
            WarehouseColumn($0.name, $0.type, .forRecordType($0.type, key: key.contains($0.name)), nullable: $0.nullable)
        }
        self.init(name: name, columns: columns, key: key)
    }

    /// The fields of the record batches loaded into the table, in column order: the table's
    /// columns, including derived ones (a loader fills those before writing).
    public var fields: [Field] { columns.map { Field($0.name, $0.recordType, nullable: $0.nullable) } }

    /// The fields a producer sends: the columns that are not derived.
    public var recordFields: [Field] { columns.compactMap(\.field) }

    /// The star-schema table for a named record kind.
    public static func forKind(_ kind: String) -> WarehouseTable? {
        StarSchema.current.table(forKind: kind)
    }

    /// Whether `name` is safe as an SQL identifier (it is quoted as well).
    public static func isValidIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.count <= 63 else { return false }
        let allowed = { (c: Unicode.Scalar) in c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_") }
        return allowed(first) && !("0"..."9").contains(first) && name.unicodeScalars.allSatisfy(allowed)
    }
}
