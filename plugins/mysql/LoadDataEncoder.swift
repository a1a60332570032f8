import EdgeCore

/// Writes rows in `LOAD DATA`'s default text format: tab between fields, newline after a row,
/// `\N` for null (and for NaN and infinities, which MySQL lacks), and backslash escapes for
/// backslash, tab, newline, carriage return and NUL; dates as `YYYY-MM-DD`, timestamps as UTC
/// `YYYY-MM-DD HH:MM:SS.ffffff`. Each column's values and type are resolved once per batch
/// (``init(_:)``), not at every row.
struct LoadDataEncoder {
    /// Appends the field of one row of a column.
    typealias FieldWriter = (_ row: Int, _ out: inout [UInt8]) -> Void

    private let writers: [FieldWriter]

    init(_ batch: RecordBatch) {
        writers = batch.columns.map(Self.writer)
    }

    /// Appends row `row` of the batch, newline included.
    func append(row: Int, to out: inout [UInt8]) {
        for (index, writer) in writers.enumerated() {
            if index > 0 { out.append(0x09) }
            writer(row, &out)
        }
        out.append(0x0A)
    }

    private static let null: [UInt8] = [0x5C, 0x4E]

    private static func writer(_ column: Column) -> FieldWriter {
        let value = valueWriter(column.values)
        guard let validity = column.validity else { return value }
        return { row, out in
            if validity[row] { value(row, &out) } else { out.append(contentsOf: null) }
        }
    }

    private static func valueWriter(_ values: ColumnValues) -> FieldWriter {
        switch values {
        case .int(let v): return { row, out in appendDecimal(v[row], to: &out) }
        case .double(let v):
            return { row, out in
                if v[row].isFinite { appendDouble(v[row], to: &out) } else { out.append(contentsOf: null) }
            }
        case .bool(let v): return { row, out in out.append(v[row] ? UInt8(ascii: "1") : UInt8(ascii: "0")) }
        case .string(let v): return { row, out in v.withUTF8(at: row) { escape($0, into: &out) } }
        case .date(let v): return { row, out in appendDate(Int64(v[row]), to: &out) }
        case .timestamp(let v):
            return { row, out in
                for byte in Timestamps.format(microseconds: v[row]).utf8 where byte != UInt8(ascii: "Z") {
                    out.append(byte == UInt8(ascii: "T") ? UInt8(ascii: " ") : byte)
                }
            }
        }
    }

    /// `value` in decimal digits, without a String in between.
    static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        appendDigits(value, minimumDigits: 1, to: &out)
    }

    /// `value` in decimal digits, zero-padded to `minimumDigits`.
    @inline(__always)
    private static func appendDigits(_ value: Int64, minimumDigits: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0 || 20 - start < minimumDigits
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    /// The shortest text that reads back as `value` exactly (finite): integers and values with up to
    /// four decimals (quantities, money) as plain digits, others as Swift's shortest round-trip form.
    static func appendDouble(_ value: Double, to out: inout [UInt8]) {
        let scaled = (value * 10_000).rounded()
        guard abs(scaled) < 9.0e15, scaled / 10_000 == value else {
            out.append(contentsOf: value.description.utf8)
            return
        }
        var fraction = Int64(abs(scaled)) % 10_000
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(Int64(abs(scaled)) / 10_000, minimumDigits: 1, to: &out)
        guard fraction != 0 else { return }
        var digits = 4
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        out.append(UInt8(ascii: "."))
        appendDigits(fraction, minimumDigits: digits, to: &out)
    }

    /// `YYYY-MM-DD` of a day since 1970-01-01.
    static func appendDate(_ days: Int64, to out: inout [UInt8]) {
        let date = CivilDate(daysSinceEpoch: Int32(days))
        appendDigits(Int64(date.year), minimumDigits: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(Int64(date.month), minimumDigits: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(Int64(date.day), minimumDigits: 2, to: &out)
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
