import EdgeCore

/// Encodes a batch in COPY's text format: tab-separated, `\N` for null, backslash escapes; and
/// single values as the text a statement parameter takes.
enum CopyEncoder {
    static func encode(_ batch: RecordBatch) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(batch.count * batch.columns.count * 12)
        for row in 0..<batch.count {
            for (index, column) in batch.columns.enumerated() {
                if index > 0 { out.append(0x09) }
                if column.isNull(row) {
                    out.append(contentsOf: [0x5C, 0x4E])
                    continue
                }
                append(column.values, row: row, escaped: true, to: &out)
            }
            out.append(0x0A)
        }
        return out
    }

    /// Appends one value as text, its backslashes, tabs and line ends escaped for COPY when
    /// `escaped`, as they are for a statement parameter otherwise.
    static func append(_ values: ColumnValues, row: Int, escaped: Bool, to out: inout [UInt8]) {
        switch values {
        case .int(let v): out.append(contentsOf: String(v[row]).utf8)
        case .double(let v): out.append(contentsOf: double(v[row]).utf8)
        case .bool(let v): out.append(v[row] ? 0x74 : 0x66)
        case .string(let v): v.withUTF8(at: row) { if escaped { escape($0, into: &out) } else { out.append(contentsOf: $0) } }
        case .date(let v): out.append(contentsOf: CivilDate(daysSinceEpoch: v[row]).description.utf8)
        case .timestamp(let v): out.append(contentsOf: Timestamps.format(microseconds: v[row]).utf8)
        }
    }

    private static func double(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        return String(value)
    }

    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            default: out.append(byte)
            }
        }
    }
}
