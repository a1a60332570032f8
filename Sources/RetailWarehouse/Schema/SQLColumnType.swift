import EdgeCore

/// The SQL type of a warehouse column, rendered by each ``SQLDialect``. The set is what Power BI
/// maps cleanly: integers, doubles, fixed decimals, sized strings, booleans, dates, timestamps.
public enum SQLColumnType: Sendable, Hashable {
    /// 32-bit integer (years, months, small counts).
    case integer
    /// 64-bit integer (keys and counts).
    case bigint
    case double
    /// Fixed decimal, e.g. `decimal(19, 4)` for money (Power BI's Fixed decimal number).
    case decimal(precision: Int, scale: Int)
    /// Text of at most `n` characters.
    case varchar(Int)
    /// Text without a declared limit (free-column tables only).
    case text
    case boolean
    case date
    /// A UTC timestamp without a time zone (Power BI drops zones; the column says UTC by name).
    case timestamp

    /// Money: `NUMERIC(19,4)`.
    public static let money = SQLColumnType.decimal(precision: 19, scale: 4)

    /// The type a free-column table uses for a record column.
    public static func forRecordType(_ type: ColumnType, key: Bool) -> SQLColumnType {
        switch type {
        case .int: .bigint
        case .double: .double
        case .string: key ? .varchar(255) : .text
        case .bool: .boolean
        case .date: .date
        case .timestamp: .timestamp
        }
    }
}
