import EdgeCore
import Foundation
import Testing

/// The built-in `file` sink: JSON lines or CSV, appended.
@Suite("File sink")
struct FileSinkTests {
    @Test(.timeLimit(.minutes(1))) func writesCSVWithOneHeaderAndQuotingAndAppends() async throws {
        let fixture = ExecFixture()
        try fixture.plugin("rows", kind: "source", output: "{ name: string, n: int?, at: timestamp }", python: """
        hello()
        send({"type": "batch", "id": 1, "columns": ["name", "n", "at"], "rows": [["a,b", 1, "2024-03-01T09:30:00Z"], ["say \\"hi\\"", None, "2024-03-01T10:00:00.5Z"]]})
        send({"type": "end"})
        for m in messages():
            if m["type"] == "shutdown": break
        """)
        for _ in 0..<2 {
            try await fixture.runner("""
            sources:
              rows: { type: rows }
            sinks:
              csv: { type: file, inputs: [rows], path: \(fixture.directory)/out/rows.csv, format: csv }
              json: { type: file, inputs: [rows], path: \(fixture.directory)/out/rows.jsonl }
            """).run()
        }
        let csvRows = ["\"a,b\",1,2024-03-01T09:30:00Z", "\"say \"\"hi\"\"\",,2024-03-01T10:00:00.500000Z"]
        #expect(fixture.lines("out/rows.csv") == ["name,n,at"] + csvRows + csvRows)
        let jsonRows = [#"{"name":"a,b","n":1,"at":"2024-03-01T09:30:00Z"}"#, #"{"name":"say \"hi\"","n":null,"at":"2024-03-01T10:00:00.500000Z"}"#]
        #expect(fixture.lines("out/rows.jsonl") == jsonRows + jsonRows)
    }
}
