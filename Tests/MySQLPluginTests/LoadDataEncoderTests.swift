import EdgeCore
@testable import MySQLPlugin
import Testing

@Suite("mysql: LOAD DATA text encoding")
struct LoadDataEncoderTests {
    static func batch() -> RecordBatch {
        let fields = [Field("s", .string, nullable: true), Field("i", .int, nullable: true), Field("d", .double), Field("b", .bool),
                      Field("day", .date), Field("at", .timestamp)]
        var builders = fields.map { ColumnBuilder(type: $0.type) }
        builders[0].append(string: "tab\there\\new\nline\rcr\u{0}nul"); builders[1].append(int: -7); builders[2].append(double: 2.5)
        builders[3].append(bool: true); builders[4].append(date: CivilDate(year: 2024, month: 2, day: 29).daysSinceEpoch)
        builders[5].append(int: Int64(CivilDate(year: 2024, month: 3, day: 1).daysSinceEpoch) * 86_400_000_000 + 1_500_000)
        builders[0].appendNull(); builders[1].appendNull(); builders[2].append(double: .nan)
        builders[3].append(bool: false); builders[4].append(date: -1); builders[5].append(int: -1)
        builders[0].append(string: "ü \\N"); builders[1].append(int: 0); builders[2].append(double: 1e-05)
        builders[3].append(bool: true); builders[4].append(date: 0); builders[5].append(int: 0)
        return RecordBatch(schema: Schema(fields), columns: builders.indices.map { builders[$0].finish() })
    }

    @Test func escapesTabsNewlinesBackslashesAndNulsAndWritesNullsAsBackslashN() {
        let batch = Self.batch()
        var out: [UInt8] = []
        let encoder = LoadDataEncoder(batch)
        for row in 0..<batch.count { encoder.append(row: row, to: &out) }
        let lines: [String] = String(decoding: out, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first: [String] = [#"tab\there\\new\nline\rcr\0nul"#, "-7", "2.5", "1", "2024-02-29", "2024-03-01 00:00:01.500000"]
        let second: [String] = [#"\N"#, #"\N"#, #"\N"#, "0", "1969-12-31", "1969-12-31 23:59:59.999999"]
        let third: [String] = [#"ü \\N"#, "0", "1e-05", "1", "1970-01-01", "1970-01-01 00:00:00"]
        let expected: [String] = [first.joined(separator: "\t"), second.joined(separator: "\t"), third.joined(separator: "\t"), ""]
        #expect(lines == expected)
    }

    @Test func writesNumbersAndDatesDigitByDigit() {
        for value: Int64 in [0, 7, -7, 10, 1_000_000, .max, .min] {
            var out: [UInt8] = []
            LoadDataEncoder.appendDecimal(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(value))
        }
        for days: Int64 in [0, -1, 19_782, -719_162, 2_932_896] {
            var out: [UInt8] = []
            LoadDataEncoder.appendDate(days, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == CivilDate(daysSinceEpoch: Int32(days)).description)
        }
    }

    /// Quantities and money read back exactly and print as plain digits; other values keep Swift's
    /// shortest round-trip form, so every finite double reads back as itself.
    @Test func doublesReadBackExactly() {
        let plain: [(Double, String)] = [(0, "0"), (3, "3"), (-2.5, "-2.5"), (129.9, "129.9"), (0.0001, "0.0001"), (19.99 * 3, "59.97"),
                                         (123_456_789.1234, "123456789.1234"), (-0.05, "-0.05"), (1e11, "100000000000")]
        for (value, text) in plain {
            var out: [UInt8] = []
            LoadDataEncoder.appendDouble(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == text, "\(value)")
        }
        var generator = SystemRandomNumberGenerator()
        let others: [Double] = [0.1 + 0.2, 1.0 / 3, 1e-05, 2.5e-300, 1e300, 123_456.123_45, .pi, -.ulpOfOne, 9.1e15, .greatestFiniteMagnitude]
            + (0..<2_000).map { _ in Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF) * (Bool.random() ? 1 : -1) }
            + (0..<2_000).map { _ in (Double.random(in: -1e6...1e6) * 100).rounded() / 100 }
        for value in others {
            var out: [UInt8] = []
            LoadDataEncoder.appendDouble(value, to: &out)
            #expect(Double(String(decoding: out, as: UTF8.self)) == value, "\(value)")
        }
    }

    @Test func theStreamHandsOutTheRowsInPiecesOfAtMostTheAskedSize() {
        let batch = Self.batch()
        var whole: [UInt8] = []
        let encoder = LoadDataEncoder(batch)
        for row in 0..<batch.count { encoder.append(row: row, to: &whole) }
        let stream = LoadDataStream(batch)
        var read: [UInt8] = [], pieces = 0
        var buffer = [UInt8](repeating: 0, count: 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { stream.read(into: $0.baseAddress!, capacity: 16) }
            if count == 0 { break }
            #expect(count <= 16)
            read += buffer[0..<count]
            pieces += 1
        }
        #expect(read == whole)
        #expect(pieces >= whole.count / 16)
    }
}
