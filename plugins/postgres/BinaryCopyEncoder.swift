import EdgeCore

/// Encodes a batch in COPY's binary format, column by column in the wire type of the staging
/// table's column (``PostgresBinaryType``): no number formatting on this side, no parsing on the
/// server's. Hands the bytes out in chunks, so the server reads the first rows while the next
/// are encoded.
struct BinaryCopyEncoder {
    /// `PGCOPY\n\377\r\n\0`, no flags, no header extension.
    static let header: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]
    /// Microseconds and days from the Unix epoch to PostgreSQL's, 2000-01-01.
    static let epochDays: Int32 = 10_957
    static let epochMicroseconds: Int64 = 946_684_800_000_000

    let types: [PostgresBinaryType]
    /// The key columns (indexes into the batch's columns), checked for repeats while encoding.
    var keyColumns: [Int] = []
    /// Bytes per chunk handed out.
    var chunkBytes = 1 << 16

    /// Calls `send` with the encoded batch, in chunks of about ``chunkBytes``, header and trailer
    /// included; returns whether a key may occur twice (``RepeatedKeyFinder``). Throws
    /// ``PostgresError`` (SQLSTATE 22003) for an integer the column cannot hold.
    @discardableResult
    func encode(_ batch: RecordBatch, send: ([UInt8]) throws -> Void) throws -> Bool {
        var keys = RepeatedKeyFinder(batch, keyColumns: keyColumns)
        // One writer per column, its values and type resolved once rather than at every row.
        let writers = zip(batch.columns, types).map { Self.writer($0, as: $1) }
        let fieldCount = UInt16(writers.count)
        var out = Self.header
        out.reserveCapacity(chunkBytes + 1024)
        try writers.withUnsafeBufferPointer { writers in
            for row in 0..<batch.count {
                Self.append(fieldCount, to: &out)
                for index in writers.indices { try writers[index](row, &out) }
                keys.add(row: row)
                if out.count >= chunkBytes {
                    try send(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
        }
        Self.append(UInt16(0xFFFF), to: &out)
        try send(out)
        return keys.found
    }

    /// Appends the field of one row of a column: length and value, or -1 for NULL.
    typealias FieldWriter = (_ row: Int, _ out: inout [UInt8]) throws -> Void

    private static func writer(_ column: Column, as type: PostgresBinaryType) -> FieldWriter {
        let value = valueWriter(column.values, as: type)
        guard let validity = column.validity else { return value }
        return { row, out in
            if validity[row] { try value(row, &out) } else { append(Int32(-1), to: &out) }
        }
    }

    private static func valueWriter(_ values: ColumnValues, as type: PostgresBinaryType) -> FieldWriter {
        switch (values, type) {
        case (.int(let v), .int8): return { row, out in field(UInt64(bitPattern: v[row]), to: &out) }
        case (.int(let v), .int4):
            return { row, out in
                guard let value = Int32(exactly: v[row]) else { throw outOfRange(v[row], "integer") }
                field(UInt32(bitPattern: value), to: &out)
            }
        case (.int(let v), .int2):
            return { row, out in
                guard let value = Int16(exactly: v[row]) else { throw outOfRange(v[row], "smallint") }
                append(Int32(2), to: &out)
                append(UInt16(bitPattern: value), to: &out)
            }
        case (.int(let v), .float8): return { row, out in field(Double(v[row]).bitPattern, to: &out) }
        case (.int(let v), .numeric): return { row, out in PostgresNumeric.append(decimal: String(v[row]), to: &out) }
        case (.double(let v), .float8): return { row, out in field(v[row].bitPattern, to: &out) }
        case (.double(let v), .float4): return { row, out in field(Float(v[row]).bitPattern, to: &out) }
        case (.double(let v), .numeric): return { row, out in PostgresNumeric.append(decimal: v[row].description, to: &out) }
        case (.string(let v), _):
            return { row, out in
                v.withUTF8(at: row) { bytes in
                    append(Int32(bytes.count), to: &out)
                    out.append(contentsOf: bytes)
                }
            }
        case (.bool(let v), _):
            return { row, out in
                append(Int32(1), to: &out)
                out.append(v[row] ? 1 : 0)
            }
        case (.date(let v), _): return { row, out in field(UInt32(bitPattern: v[row] &- epochDays), to: &out) }
        case (.timestamp(let v), _): return { row, out in field(UInt64(bitPattern: v[row] &- epochMicroseconds), to: &out) }
        default: preconditionFailure("no binary COPY of \(values.type) as \(type)")  // excluded by PostgresBinaryType.accepts
        }
    }

    private static func outOfRange(_ value: Int64, _ type: String) -> PostgresError {
        PostgresError(sqlState: "22003", message: "value \(value) is out of range for type \(type)")
    }

    /// A 4-byte field: length, then the value big-endian.
    private static func field(_ value: UInt32, to out: inout [UInt8]) {
        append(Int32(4), to: &out)
        append(value, to: &out)
    }

    /// An 8-byte field: length, then the value big-endian.
    private static func field(_ value: UInt64, to out: inout [UInt8]) {
        append(Int32(8), to: &out)
        append(UInt32(truncatingIfNeeded: value >> 32), to: &out)
        append(UInt32(truncatingIfNeeded: value), to: &out)
    }

    static func append(_ value: Int32, to out: inout [UInt8]) { append(UInt32(bitPattern: value), to: &out) }

    static func append(_ value: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: value >> 24))
        out.append(UInt8(truncatingIfNeeded: value >> 16))
        out.append(UInt8(truncatingIfNeeded: value >> 8))
        out.append(UInt8(truncatingIfNeeded: value))
    }

    static func append(_ value: UInt16, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: value >> 8))
        out.append(UInt8(truncatingIfNeeded: value))
    }
}
