/// Builds one column value by value, for sources that parse rows.
public struct ColumnBuilder: Sendable {
    public let type: ColumnType
    private var ints: [Int64] = []
    private var doubles: [Double] = []
    private var strings = StringColumn()
    private var bools: [Bool] = []
    private var dates: [Int32] = []
    private var validity: [Bool]?
    private var naive: [Bool]?
    public private(set) var count = 0

    public init(type: ColumnType, capacity: Int = 0) {
        self.type = type
        reserve(capacity)
    }

    private mutating func reserve(_ capacity: Int) {
        switch type {
        case .int, .timestamp: ints.reserveCapacity(capacity)
        case .double: doubles.reserveCapacity(capacity)
        case .string: strings = StringColumn(minimumCapacity: capacity)
        case .bool: bools.reserveCapacity(capacity)
        case .date: dates.reserveCapacity(capacity)
        }
    }

    private mutating func markValid() {
        validity?.append(true)
        naive?.append(false)
        count += 1
    }

    /// For `int` and `timestamp` columns.
    public mutating func append(int value: Int64) { ints.append(value); markValid() }
    /// For `timestamp` columns: a value written without a zone (wall-clock microseconds).
    public mutating func append(naiveTimestamp value: Int64) {
        if naive == nil { naive = [Bool](repeating: false, count: count) }
        ints.append(value)
        validity?.append(true)
        naive!.append(true)
        count += 1
    }
    public mutating func append(double value: Double) { doubles.append(value); markValid() }
    public mutating func append(bool value: Bool) { bools.append(value); markValid() }
    public mutating func append(date value: Int32) { dates.append(value); markValid() }
    public mutating func append(utf8 value: UnsafeBufferPointer<UInt8>) { strings.append(utf8: value); markValid() }
    public mutating func append(string value: String) { strings.append(value); markValid() }

    /// Appends a ``Value`` of the column's type (`.null` as a null).
    public mutating func append(_ value: Value) {
        switch value {
        case .null: appendNull()
        case .int(let v), .timestamp(let v): append(int: v)
        case .naiveTimestamp(let v): append(naiveTimestamp: v)
        case .double(let v): append(double: v)
        case .string(let v): append(string: v)
        case .bool(let v): append(bool: v)
        case .date(let v): append(date: v)
        }
    }

    public mutating func appendNull() {
        if validity == nil { validity = [Bool](repeating: true, count: count) }
        switch type {
        case .int, .timestamp: ints.append(0)
        case .double: doubles.append(0)
        case .string: strings.appendEmpty()
        case .bool: bools.append(false)
        case .date: dates.append(0)
        }
        validity!.append(false)
        naive?.append(false)
        count += 1
    }

    /// The column built so far; the builder starts over with room for `capacity` values.
    public mutating func finish(reservingCapacity capacity: Int = 0) -> Column {
        let values: ColumnValues = switch type {
        case .int: .int(ints)
        case .timestamp: .timestamp(ints)
        case .double: .double(doubles)
        case .string: .string(strings)
        case .bool: .bool(bools)
        case .date: .date(dates)
        }
        let column = Column(values, validity: validity, naive: naive)
        self = ColumnBuilder(type: type, capacity: capacity)
        return column
    }
}
