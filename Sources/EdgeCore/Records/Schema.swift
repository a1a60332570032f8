/// Ordered, typed columns of a record stream, optionally naming a well-known record kind.
public struct Schema: Sendable, Hashable, Codable, CustomStringConvertible {
    public var fields: [Field]
    /// A named record kind with a fixed layout (the layers above the runtime define them), or
    /// `nil` for free columns.
    public var kind: String?

    public init(_ fields: [Field], kind: String? = nil) {
        self.fields = fields
        self.kind = kind
    }

    /// The position of the column called `name`.
    public func index(of name: String) -> Int? {
        fields.firstIndex { $0.name == name }
    }

    public var description: String {
        let columns = fields.map(\.description).joined(separator: ", ")
        return kind.map { "\($0)(\(columns))" } ?? "(\(columns))"
    }
}
