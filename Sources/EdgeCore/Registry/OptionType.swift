/// The type an option's value must have.
public indirect enum OptionType: Sendable, Hashable, CustomStringConvertible {
    case string
    case int
    case double
    case bool
    /// `250ms`, `10s`, `5m`, `1h`, `1d` or plain seconds.
    case duration
    /// One of a fixed set of words.
    case choice([String])
    case list(OptionType)
    /// A mapping from names to values of one type, in file order.
    case map(OptionType)

    public var description: String {
        switch self {
        case .string: "string"
        case .int: "int"
        case .double: "number"
        case .bool: "bool"
        case .duration: "duration"
        case .choice(let words): words.joined(separator: "|")
        case .list(let element): "list of \(element)"
        case .map(let element): "map of \(element)"
        }
    }
}
