import EdgeCore
@testable import FilePlugin
import Testing

@Suite("file: records as JSON lines or CSV")
struct FileFormatTests {
    let batch: RecordBatch = {
        let schema = Schema([Field("name", .string), Field("n", .int, nullable: true), Field("day", .date), Field("ok", .bool)])
        var builders = schema.fields.map { ColumnBuilder(type: $0.type) }
        builders[0].append(string: "a,\"b\"\nc"); builders[1].append(int: 3); builders[2].append(date: 0); builders[3].append(bool: true)
        builders[0].append(string: "plain"); builders[1].appendNull(); builders[2].append(date: -1); builders[3].append(bool: false)
        return RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() })
    }()

    @Test func jsonLinesAreOneObjectPerRowInColumnOrder() {
        #expect(FileFormat.jsonl.encode(batch) == #"""
            {"name":"a,\"b\"\nc","n":3,"day":"1970-01-01","ok":true}
            {"name":"plain","n":null,"day":"1969-12-31","ok":false}

            """#)
    }

    @Test func csvQuotesWhatNeedsItAndLeavesNullsEmpty() {
        #expect(FileFormat.csv.encode(batch) == "\"a,\"\"b\"\"\nc\",3,1970-01-01,true\nplain,,1969-12-31,false\n")
        #expect(FileFormat.csvLine(["x", "", "y z"]) == "x,,y z\n")
    }
}
