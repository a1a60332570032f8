import EdgeCore
@testable import PostgresPlugin
import Testing

@Suite("postgres: COPY binary encoding")
struct BinaryCopyEncoderTests {
    /// The bytes of `batch` copied as `types`, in chunks of `chunkBytes`.
    static func encode(_ batch: RecordBatch, as types: [PostgresBinaryType], chunkBytes: Int = 1 << 16) throws -> (bytes: [UInt8], chunks: Int) {
        var encoder = BinaryCopyEncoder(types: types)
        encoder.chunkBytes = chunkBytes
        var bytes: [UInt8] = [], chunks = 0
        try encoder.encode(batch) { bytes += $0; chunks += 1 }
        return (bytes, chunks)
    }

    static func batch(_ fields: [Field], _ fill: (inout [ColumnBuilder]) -> Void) -> RecordBatch {
        var builders = fields.map { ColumnBuilder(type: $0.type) }
        fill(&builders)
        return RecordBatch(schema: Schema(fields), columns: builders.indices.map { builders[$0].finish() })
    }

    @Test func writesHeaderFieldsNullsAndTrailer() throws {
        let batch = Self.batch([Field("s", .string, nullable: true), Field("i", .int), Field("day", .date), Field("at", .timestamp), Field("ok", .bool)]) {
            $0[0].append(string: "tab\tnew\nback\\ü"); $0[1].append(int: -2); $0[2].append(date: CivilDate(year: 2000, month: 1, day: 2).daysSinceEpoch)
            $0[3].append(int: 946_684_800_000_000 + 1_500_000); $0[4].append(bool: true)
            $0[0].appendNull(); $0[1].append(int: 7); $0[2].append(date: 0); $0[3].append(int: 0); $0[4].append(bool: false)
        }
        let (bytes, _) = try Self.encode(batch, as: [.text, .int8, .date, .timestamp, .bool])
        let text = Array("tab\tnew\nback\\ü".utf8)
        var expected = BinaryCopyEncoder.header
        expected += [0, 5] + [0, 0, 0, UInt8(text.count)] + text
        expected += [0, 0, 0, 8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE]
        expected += [0, 0, 0, 4, 0, 0, 0, 1]                       // one day after 2000-01-01
        expected += [0, 0, 0, 8, 0, 0, 0, 0, 0, 0x16, 0xE3, 0x60]  // 1.5 s after 2000-01-01 00:00 UTC
        expected += [0, 0, 0, 1, 1]
        expected += [0, 5] + [0xFF, 0xFF, 0xFF, 0xFF]              // NULL
        expected += [0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 7]
        expected += [0, 0, 0, 4, 0xFF, 0xFF, 0xD5, 0x33]           // 1970-01-01: -10957 days
        expected += [0, 0, 0, 8] + [0xFF, 0xFC, 0xA2, 0xFE, 0xC4, 0xC8, 0x20, 0x00]  // -946684800 s
        expected += [0, 0, 0, 1, 0]
        expected += [0xFF, 0xFF]
        #expect(bytes == expected)
    }

    @Test func sendsLargeBatchesInSeveralChunksThatJoinToTheWhole() throws {
        let batch = Self.batch([Field("i", .int), Field("d", .double)]) { builders in
            for row in 0..<1_000 { builders[0].append(int: Int64(row)); builders[1].append(double: Double(row) / 4) }
        }
        let whole = try Self.encode(batch, as: [.int4, .float8], chunkBytes: 1 << 20)
        let chunked = try Self.encode(batch, as: [.int4, .float8], chunkBytes: 1_000)
        #expect(whole.chunks == 1)
        #expect(chunked.chunks > 10)
        #expect(chunked.bytes == whole.bytes)
        #expect(whole.bytes.count == 19 + 1_000 * (2 + 8 + 12) + 2)
    }

    @Test func reportsWhetherAKeyOccursTwice() throws {
        func repeats(_ rows: [(String?, Int64)]) throws -> Bool {
            let batch = Self.batch([Field("store", .string, nullable: true), Field("day", .int), Field("units", .double)]) { builders in
                for (store, day) in rows {
                    if let store { builders[0].append(string: store) } else { builders[0].appendNull() }
                    builders[1].append(int: day); builders[2].append(double: 1)
                }
            }
            var encoder = BinaryCopyEncoder(types: [.text, .int8, .float8])
            encoder.keyColumns = [0, 1]
            return try encoder.encode(batch) { _ in }
        }
        #expect(try !repeats([("a", 1), ("a", 2), ("b", 1), ("ab", 1), (nil, 1)]))
        #expect(try repeats([("a", 1), ("b", 2), ("a", 1)]))
        #expect(try repeats([(nil, 3), ("x", 3), (nil, 3)]))
        var keyless = BinaryCopyEncoder(types: [.int8])
        keyless.keyColumns = []
        #expect(try !keyless.encode(Self.batch([Field("i", .int)]) { $0[0].append(int: 1); $0[0].append(int: 1) }) { _ in })
    }

    @Test func refusesIntegersTheColumnCannotHoldAsAValueError() {
        let batch = Self.batch([Field("i", .int)]) { $0[0].append(int: 40_000) }
        #expect(throws: PostgresError.self) { try Self.encode(batch, as: [.int2]) }
        do {
            _ = try Self.encode(batch, as: [.int2])
        } catch let error as PostgresError {
            #expect(error.sqlState == "22003")
            #expect(error.isRowRejection)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// ndigits, weight, sign, dscale, then base-10000 digits; after the 4-byte length.
    static func numeric(_ text: String) -> [Int] {
        var out: [UInt8] = []
        PostgresNumeric.append(decimal: text, to: &out)
        let length = Int(out[0]) << 24 | Int(out[1]) << 16 | Int(out[2]) << 8 | Int(out[3])
        #expect(length == out.count - 4)
        return stride(from: 4, to: out.count, by: 2).map { Int(Int16(bitPattern: UInt16(out[$0]) << 8 | UInt16(out[$0 + 1]))) }
    }

    @Test func numericsAreBase10000GroupsAroundTheDecimalPoint() {
        #expect(Self.numeric("123.45") == [2, 0, 0, 2, 123, 4500])
        #expect(Self.numeric("-9876543.21") == [3, 1, 0x4000, 2, 987, 6543, 2100])
        #expect(Self.numeric("0.00012") == [2, -1, 0, 5, 1, 2000])
        #expect(Self.numeric("1e-05") == [1, -2, 0, 5, 1000])
        #expect(Self.numeric("1.5e+20") == [2, 5, 0, 0, 1, 5000])
        #expect(Self.numeric("10000") == [1, 1, 0, 0, 1])
        #expect(Self.numeric("0.0") == [0, 0, 0, 1])
        #expect(Self.numeric("nan") == [0, 0, Int(Int16(bitPattern: 0xC000)), 0])
        #expect(Self.numeric("-inf") == [0, 0, Int(Int16(bitPattern: 0xF000)), 0])
    }
}
