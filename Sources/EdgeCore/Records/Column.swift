/// One column of a ``RecordBatch``: typed values and an optional null mask.
public struct Column: Sendable, Hashable {
    public var values: ColumnValues
    /// `validity[i] == false` marks row `i` null; `nil` means no nulls.
    public var validity: [Bool]?
    /// For timestamp columns: `naive[i] == true` marks a value written without a zone offset, a
    /// wall-clock time kept as if it were UTC (its local day is its written date, in any zone);
    /// `nil` means every value had an offset or `Z`.
    public var naive: [Bool]?

    public init(_ values: ColumnValues, validity: [Bool]? = nil, naive: [Bool]? = nil) {
        self.values = values
        self.validity = validity
        self.naive = naive
    }

    public var count: Int { values.count }

    public func isNull(_ row: Int) -> Bool {
        guard let validity else { return false }
        return !validity[row]
    }

    /// Whether the timestamp at `row` was written without a zone.
    public func isNaive(_ row: Int) -> Bool {
        guard let naive else { return false }
        return naive[row]
    }

    /// The value at `row` as a ``Value`` (slow path: for tests, taps and error messages).
    public func value(at row: Int) -> Value {
        if isNull(row) { return .null }
        switch values {
        case .int(let v): return .int(v[row])
        case .double(let v): return .double(v[row])
        case .string(let v): return .string(v[row])
        case .bool(let v): return .bool(v[row])
        case .date(let v): return .date(v[row])
        case .timestamp(let v): return isNaive(row) ? .naiveTimestamp(v[row]) : .timestamp(v[row])
        }
    }
}
