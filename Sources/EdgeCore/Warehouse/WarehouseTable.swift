/// A table a database sink writes a record stream into: its name, columns and natural key.
public struct WarehouseTable: Sendable, Hashable {
    public var name: String
    public var fields: [Field]
    /// The columns of the primary key; upserts replace rows with the same key.
    public var key: [String]

    public init(name: String, fields: [Field], key: [String]) {
        self.name = name
        self.fields = fields
        self.key = key
    }

    /// The table for a named record kind.
    public static func forKind(_ kind: String) -> WarehouseTable? {
        switch kind {
        case "sales_daily":
            WarehouseTable(name: "fact_sales_daily", fields: RecordKind.salesDaily.fields, key: ["date", "store_id", "product_id"])
        default:
            nil
        }
    }

    /// Whether `name` is safe as an SQL identifier (it is quoted as well).
    public static func isValidIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.count <= 63 else { return false }
        let allowed = { (c: Unicode.Scalar) in c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_") }
        return allowed(first) && !("0"..."9").contains(first) && name.unicodeScalars.allSatisfy(allowed)
    }
}
