/// The type of a column flowing between stages.
public enum ColumnType: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    case int
    case double
    case string
    case bool
    /// Calendar day, stored as days since 1970-01-01.
    case date
    /// Instant in UTC, stored as microseconds since the Unix epoch.
    case timestamp

    public var description: String { rawValue }
}
