/// One value of a record, for the slow paths: tests, taps, error messages.
public enum Value: Sendable, Hashable, CustomStringConvertible {
    case null
    case int(Int64)
    case double(Double)
    case string(String)
    case bool(Bool)
    case date(Int32)
    /// Microseconds since the epoch, UTC.
    case timestamp(Int64)
    /// A timestamp written without a zone: wall-clock microseconds, as if UTC.
    case naiveTimestamp(Int64)

    public var description: String {
        switch self {
        case .null: "null"
        case .int(let v): String(v)
        case .double(let v): String(v)
        case .string(let v): v
        case .bool(let v): String(v)
        case .date(let v): CivilDate(daysSinceEpoch: v).description
        case .timestamp(let v): Timestamps.format(microseconds: v)
        case .naiveTimestamp(let v): String(Timestamps.format(microseconds: v).dropLast())
        }
    }
}
