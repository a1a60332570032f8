/// The typed values of one column.
public enum ColumnValues: Sendable, Hashable {
    case int([Int64])
    case double([Double])
    case string(StringColumn)
    case bool([Bool])
    /// Days since 1970-01-01.
    case date([Int32])
    /// Microseconds since the Unix epoch, UTC.
    case timestamp([Int64])

    public var type: ColumnType {
        switch self {
        case .int: .int
        case .double: .double
        case .string: .string
        case .bool: .bool
        case .date: .date
        case .timestamp: .timestamp
        }
    }

    public var count: Int {
        switch self {
        case .int(let v): v.count
        case .double(let v): v.count
        case .string(let v): v.count
        case .bool(let v): v.count
        case .date(let v): v.count
        case .timestamp(let v): v.count
        }
    }

    /// An empty column of `type`, with room for `capacity` values.
    public static func empty(_ type: ColumnType, capacity: Int = 0) -> ColumnValues {
        switch type {
        case .int: var v = [Int64](); v.reserveCapacity(capacity); return .int(v)
        case .double: var v = [Double](); v.reserveCapacity(capacity); return .double(v)
        case .string: return .string(StringColumn(minimumCapacity: capacity))
        case .bool: var v = [Bool](); v.reserveCapacity(capacity); return .bool(v)
        case .date: var v = [Int32](); v.reserveCapacity(capacity); return .date(v)
        case .timestamp: var v = [Int64](); v.reserveCapacity(capacity); return .timestamp(v)
        }
    }
}
