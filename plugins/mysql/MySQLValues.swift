import EdgeCore

/// Writes one row as SQL literals: escaped strings, dates as 'YYYY-MM-DD', timestamps as UTC
/// 'YYYY-MM-DD HH:MM:SS.ffffff', NULL for nulls (and for NaN and infinities, which MySQL lacks).
enum MySQLValues {
    static func append(_ batch: RecordBatch, row: Int, connection: MySQLConnection, to sql: inout [UInt8]) {
        for (index, column) in batch.columns.enumerated() {
            if index > 0 { sql.append(UInt8(ascii: ",")) }
            if column.isNull(row) {
                sql.append(contentsOf: "NULL".utf8)
                continue
            }
            switch column.values {
            case .int(let v): sql.append(contentsOf: String(v[row]).utf8)
            case .double(let v): sql.append(contentsOf: (v[row].isFinite ? String(v[row]) : "NULL").utf8)
            case .bool(let v): sql.append(v[row] ? UInt8(ascii: "1") : UInt8(ascii: "0"))
            case .string(let v): v.withUTF8(at: row) { connection.appendLiteral($0, to: &sql) }
            case .date(let v): sql.append(contentsOf: "'\(CivilDate(daysSinceEpoch: v[row]))'".utf8)
            case .timestamp(let v):
                let iso = Timestamps.format(microseconds: v[row]).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
                sql.append(contentsOf: "'\(iso)'".utf8)
            }
        }
    }
}
