/// A typed option value from a configuration file, checked against its ``OptionSpec``.
public indirect enum OptionValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case duration(Duration)
    case list([OptionValue])
    /// Keys in file order.
    case map([MapEntry])

    /// One key of a map option.
    public struct MapEntry: Sendable, Hashable {
        public var key: String
        public var value: OptionValue
        public var location: SourceLocation
        public init(key: String, value: OptionValue, location: SourceLocation) {
            self.key = key
            self.value = value
            self.location = location
        }
    }

    public var description: String {
        switch self {
        case .string(let v): v
        case .int(let v): String(v)
        case .double(let v): String(v)
        case .bool(let v): String(v)
        case .duration(let v): "\(v.seconds)s"
        case .list(let v): "[" + v.map(\.description).joined(separator: ", ") + "]"
        case .map(let v): "{" + v.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}
