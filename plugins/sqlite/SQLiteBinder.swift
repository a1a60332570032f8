import EdgeCore

/// Binds a batch's columns to insert statements: dates as `YYYY-MM-DD`, timestamps as ISO 8601
/// UTC text, booleans as 0/1. Text is bound in place (SQLite reads it during the step, without a
/// copy): string bytes from the column's storage, dates from a scratch buffer per parameter.
enum SQLiteBinder {
    /// A column's storage, held open for the rows of one insert.
    private enum Values {
        case int(UnsafeBufferPointer<Int64>)
        case double(UnsafeBufferPointer<Double>)
        case bool(UnsafeBufferPointer<Bool>)
        case string(bytes: UnsafeBufferPointer<UInt8>, offsets: UnsafeBufferPointer<Int32>)
        case date(UnsafeBufferPointer<Int32>)
        case timestamp(UnsafeBufferPointer<Int64>)
    }

    /// Inserts every row of `batch`: `bulk.rows` rows per step of `bulk.statement` while that
    /// many are left, the rest one per step of `single`.
    static func insert(_ batch: RecordBatch, bulk: (statement: SQLiteStatement, rows: Int)?, single: SQLiteStatement) throws {
        let columns = batch.columns.count
        let rowsPerStep = bulk?.rows ?? 1
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 10 * max(1, columns * rowsPerStep))
        defer { scratch.deallocate() }
        var values: [Values] = []
        values.reserveCapacity(columns)
        // Text bound in place must not stay bound once its storage is gone.
        defer {
            bulk?.statement.clearBindings()
            single.clearBindings()
        }
        try opening(batch.columns[...], into: &values) { values in
            let validity = batch.columns.map(\.validity)
            /// Binds `row` to the parameters from `first` on.
            func bind(_ row: Int, from first: Int32, _ statement: SQLiteStatement) {
                for (index, column) in values.enumerated() {
                    let parameter = first + Int32(index)
                    if let valid = validity[index], !valid[row] {
                        statement.bindNull(parameter)
                        continue
                    }
                    switch column {
                    case .int(let v): statement.bind(parameter, int: v[row])
                    case .double(let v): statement.bind(parameter, double: v[row])
                    case .bool(let v): statement.bind(parameter, int: v[row] ? 1 : 0)
                    case .string(let bytes, let offsets):
                        let start = Int(offsets[row])
                        statement.bind(parameter, borrowed: UnsafeBufferPointer(rebasing: bytes[start..<Int(offsets[row + 1])]))
                    case .date(let days):
                        let text = scratch + 10 * Int(parameter - 1)
                        format(days[row], into: text)
                        statement.bind(parameter, borrowed: UnsafeBufferPointer(start: text, count: 10))
                    case .timestamp(let v):
                        var text = Timestamps.format(microseconds: v[row])
                        text.withUTF8 { statement.bind(parameter, utf8: $0) }
                    }
                }
            }
            var row = 0
            if let bulk {
                while batch.count - row >= bulk.rows {
                    for offset in 0..<bulk.rows { bind(row + offset, from: Int32(offset * columns + 1), bulk.statement) }
                    try bulk.statement.step()
                    bulk.statement.reset()
                    row += bulk.rows
                }
            }
            while row < batch.count {
                bind(row, from: 1, single)
                try single.step()
                single.reset()
                row += 1
            }
        }
    }

    /// Calls `body` with the storage of every column in `columns` open in `values`, in order.
    private static func opening(_ columns: ArraySlice<Column>, into values: inout [Values], _ body: ([Values]) throws -> Void) throws {
        guard let column = columns.first else { return try body(values) }
        let rest = columns.dropFirst()
        switch column.values {
        case .int(let v):
            try v.withUnsafeBufferPointer { values.append(.int($0)); try opening(rest, into: &values, body) }
        case .double(let v):
            try v.withUnsafeBufferPointer { values.append(.double($0)); try opening(rest, into: &values, body) }
        case .bool(let v):
            try v.withUnsafeBufferPointer { values.append(.bool($0)); try opening(rest, into: &values, body) }
        case .date(let v):
            try v.withUnsafeBufferPointer { values.append(.date($0)); try opening(rest, into: &values, body) }
        case .timestamp(let v):
            try v.withUnsafeBufferPointer { values.append(.timestamp($0)); try opening(rest, into: &values, body) }
        case .string(let strings):
            try strings.bytes.withUnsafeBufferPointer { bytes in
                try strings.offsets.withUnsafeBufferPointer { offsets in
                    values.append(.string(bytes: bytes, offsets: offsets))
                    try opening(rest, into: &values, body)
                }
            }
        }
    }

    /// Writes a day as `YYYY-MM-DD` into the 10 bytes at `buffer`.
    @inline(__always)
    static func format(_ day: Int32, into buffer: UnsafeMutablePointer<UInt8>) {
        let date = CivilDate(daysSinceEpoch: day)
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
    }
}
