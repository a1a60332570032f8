import EdgeCore

extension ColumnBuilder {
    /// Appends a value already checked against the column's type.
    mutating func append(_ value: Value) {
        switch value {
        case .null: appendNull()
        case .int(let v), .timestamp(let v): append(int: v)
        case .double(let v): append(double: v)
        case .string(let s): append(string: s)
        case .bool(let b): append(bool: b)
        case .date(let d): append(date: d)
        }
    }
}
