import EdgeCore
@testable import PostgresPlugin
import Testing

@Suite("postgres: COPY text encoding")
struct CopyEncoderTests {
    @Test func encodesEveryTypeWithEscapesAndNulls() {
        let schema = Schema([
            Field("s", .string, nullable: true), Field("i", .int, nullable: true), Field("d", .double),
            Field("b", .bool), Field("day", .date), Field("at", .timestamp),
        ])
        var builders = schema.fields.map { ColumnBuilder(type: $0.type) }
        builders[0].append(string: "tab\there\\new\nline\rcr"); builders[1].append(int: -7); builders[2].append(double: 2.5)
        builders[3].append(bool: true); builders[4].append(date: CivilDate(year: 2024, month: 2, day: 29).daysSinceEpoch)
        builders[5].append(int: Int64(CivilDate(year: 2024, month: 3, day: 1).daysSinceEpoch) * 86_400_000_000 + 1_500_000)
        builders[0].appendNull(); builders[1].appendNull(); builders[2].append(double: .nan)
        builders[3].append(bool: false); builders[4].append(date: 0); builders[5].append(int: 0)
        builders[0].append(string: "ü"); builders[1].append(int: 0); builders[2].append(double: -.infinity)
        builders[3].append(bool: true); builders[4].append(date: -1); builders[5].append(int: -1)
        let batch = RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() })
        let lines = String(decoding: CopyEncoder.encode(batch), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines == [
            [#"tab\there\\new\nline\rcr"#, "-7", "2.5", "t", "2024-02-29", "2024-03-01T00:00:01.500000Z"].joined(separator: "\t"),
            [#"\N"#, #"\N"#, "NaN", "f", "1970-01-01", "1970-01-01T00:00:00Z"].joined(separator: "\t"),
            ["ü", "0", "-Infinity", "t", "1969-12-31", "1969-12-31T23:59:59.999999Z"].joined(separator: "\t"),
            "",
        ])
    }
}
