import EdgeCore

/// Writes rows in `LOAD DATA`'s default text format: tab between fields, newline after a row,
/// `\N` for null (and for NaN and infinities, which MySQL lacks), and backslash escapes for
/// backslash, tab, newline, carriage return and NUL; dates as `YYYY-MM-DD`, timestamps as UTC
/// `YYYY-MM-DD HH:MM:SS.ffffff`.
enum LoadDataEncoder {
    static func append(_ batch: RecordBatch, row: Int, to out: inout [UInt8]) {
        for (index, column) in batch.columns.enumerated() {
            if index > 0 { out.append(0x09) }
            if column.isNull(row) {
                out.append(contentsOf: [0x5C, 0x4E])
                continue
            }
            switch column.values {
            case .int(let v): out.append(contentsOf: String(v[row]).utf8)
            case .double(let v):
                if v[row].isFinite { out.append(contentsOf: v[row].description.utf8) } else { out.append(contentsOf: [0x5C, 0x4E]) }
            case .bool(let v): out.append(v[row] ? UInt8(ascii: "1") : UInt8(ascii: "0"))
            case .string(let v): v.withUTF8(at: row) { escape($0, into: &out) }
            case .date(let v): out.append(contentsOf: CivilDate(daysSinceEpoch: v[row]).description.utf8)
            case .timestamp(let v):
                for byte in Timestamps.format(microseconds: v[row]).utf8 where byte != UInt8(ascii: "Z") {
                    out.append(byte == UInt8(ascii: "T") ? UInt8(ascii: " ") : byte)
                }
            }
        }
        out.append(0x0A)
    }

    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x00: out.append(contentsOf: [0x5C, 0x30])
            default: out.append(byte)
            }
        }
    }
}
