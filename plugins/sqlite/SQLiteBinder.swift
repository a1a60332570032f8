import EdgeCore

/// Binds a batch's columns to an insert statement row by row: dates as `YYYY-MM-DD`,
/// timestamps as ISO 8601 UTC text, booleans as 0/1.
enum SQLiteBinder {
    static func insert(_ batch: RecordBatch, with statement: SQLiteStatement) throws {
        let count = batch.count
        for row in 0..<count {
            for (index, column) in batch.columns.enumerated() {
                let parameter = Int32(index + 1)
                if column.isNull(row) {
                    statement.bindNull(parameter)
                    continue
                }
                switch column.values {
                case .int(let v): statement.bind(parameter, int: v[row])
                case .double(let v): statement.bind(parameter, double: v[row])
                case .bool(let v): statement.bind(parameter, int: v[row] ? 1 : 0)
                case .string(let v): v.withUTF8(at: row) { statement.bind(parameter, utf8: $0) }
                case .date(let v): bindDate(v[row], parameter, statement)
                case .timestamp(let v):
                    var text = Timestamps.format(microseconds: v[row])
                    text.withUTF8 { statement.bind(parameter, utf8: $0) }
                }
            }
            try statement.step()
            statement.reset()
        }
    }

    /// Formats a day as `YYYY-MM-DD` without allocating.
    @inline(__always)
    static func bindDate(_ day: Int32, _ parameter: Int32, _ statement: SQLiteStatement) {
        let date = CivilDate(daysSinceEpoch: day)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { buffer in
            var year = date.year
            for i in stride(from: 3, through: 0, by: -1) {
                buffer[i] = UInt8(48 + year % 10)
                year /= 10
            }
            buffer[4] = UInt8(ascii: "-")
            buffer[5] = UInt8(48 + date.month / 10)
            buffer[6] = UInt8(48 + date.month % 10)
            buffer[7] = UInt8(ascii: "-")
            buffer[8] = UInt8(48 + date.day / 10)
            buffer[9] = UInt8(48 + date.day % 10)
            statement.bind(parameter, utf8: UnsafeBufferPointer(buffer))
        }
    }
}
