/// A named, typed column of a ``Schema``.
public struct Field: Sendable, Hashable, Codable, CustomStringConvertible {
    public var name: String
    public var type: ColumnType
    /// Whether the column may hold nulls.
    public var nullable: Bool

    public init(_ name: String, _ type: ColumnType, nullable: Bool = false) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }

    public var description: String { "\(name): \(type)\(nullable ? "?" : "")" }
}
