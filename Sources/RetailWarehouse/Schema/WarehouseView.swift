import EdgeCore

/// A view of the star schema. Its query names tables as `{table}`; each dialect replaces them
/// with its quoted, schema-qualified names. Column names in views are plain identifiers that
/// need no quoting in any dialect.
public struct WarehouseView: Sendable, Hashable {
    public var name: String
    public var query: String

    public init(name: String, query: String) {
        self.name = name
        self.query = query
    }

    /// The query with every `{table}` replaced by `qualify(table)`.
    public func query(qualifying qualify: (String) -> String) -> String {
        var result = ""
        var rest = Substring(query)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            result += qualify(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
