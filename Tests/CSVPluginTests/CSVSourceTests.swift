import CSVPlugin
import EdgeCore
import EdgeCoreTesting
import Foundation
import Testing

@Suite("CSV source: RFC 4180 edge cases, typed columns, dead letters, resume")
struct CSVSourceTests {
    let store = MemorySinkStore()
    var registry: PluginRegistry { Self.registry(store) }

    /// The csv source and a memory sink writing into `store`.
    static func registry(_ store: MemorySinkStore) -> PluginRegistry {
        var registry = PluginRegistry()
        registry.register(CSVPlugin.registration)
        registry.register(MemorySink.registration(store: store))
        return registry
    }

    func pipeline(path: String, columns: String = "{ ts: timestamp, store: string, units: int, price: double? }", extra: String = "") -> String {
        """
        sources:
          in:
            type: csv
            path: \(path)
            columns: \(columns)
            batch_rows: 2
        \(extra)
        sinks:
          out: { type: memory, inputs: [in] }
        """
    }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func deadLetters(_ directory: String) throws -> [[String: Any]] {
        let path = directory + "/dead_letter/in.jsonl"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func parsesTypedColumnsWithBOMCRLFQuotesAndEmptyLines() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        try write("\u{FEFF}store,ts,units,price,ignored\r\n\"S,1\",2024-01-01T10:00:00,3,1.5,x\r\n\r\nS2,2024-01-02 11:00:00Z,4,,y\r\n", to: directory + "/a.csv")
        try await PipelineHarness.runOnce(yaml: pipeline(path: directory + "/a.csv"), registry: registry, dataDirectory: directory)
        let rows = store.rows("out")
        #expect(rows.count == 2)
        // Without a zone the time is naive (the store's wall time); with `Z` it is an instant.
        #expect(rows[0] == [.naiveTimestamp(FieldParser.parse("2024-01-01T10:00:00", FieldParser.timestamp)!), .string("S,1"), .int(3), .double(1.5)])
        #expect(rows[1][0] == .timestamp(FieldParser.parse("2024-01-02T11:00:00Z", FieldParser.timestamp)!))
        #expect(rows[1][1] == .string("S2"))
        #expect(rows[1][3] == .null)
        #expect(try deadLetters(directory).isEmpty)
    }

    @Test func badRowsAreDeadLetteredWithTheirLineAndGoodRowsFlow() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let text = """
        ts,store,units,price
        2024-01-01T10:00:00,S1,1,1.0
        2024-01-01T10:00:00,S1,two,1.0
        "2024-01-01T10:00:00","multi
        line store",2,2.0
        2024-02-30T10:00:00,S1,1,1.0
        2024-01-01T10:00:00,S1
        2024-01-01T10:00:00,,5,1.0
        2024-01-01T10:00:00,S9,9,9.5

        """
        try write(text, to: directory + "/b.csv")
        let runner = try await PipelineHarness.runOnce(yaml: pipeline(path: directory + "/b.csv"), registry: registry, dataDirectory: directory)
        let rows = store.rows("out")
        #expect(rows.map { $0[2] } == [.int(1), .int(2), .int(9)])
        #expect(rows[1][1] == .string("multi\nline store"))
        let letters = try deadLetters(directory)
        #expect(letters.map { $0["line"] as? Int } == [3, 6, 7, 8])
        #expect(letters[0]["column"] as? String == "units")
        #expect(letters[0]["raw"] as? String == "2024-01-01T10:00:00,S1,two,1.0")
        #expect((letters[1]["reason"] as? String)?.contains("invalid timestamp") == true)
        #expect(letters[2]["reason"] as? String == "expected 4 fields, found 2")
        #expect(letters[3]["reason"] as? String == "empty value in column 'store'")
        #expect(letters.allSatisfy { ($0["file"] as? String)?.hasSuffix("/b.csv") == true })
        #expect(letters.allSatisfy { $0["header"] as? String == "ts,store,units,price" })
        #expect(runner.metrics[0].snapshot.deadLettered == 4)
        #expect(runner.metrics[0].snapshot.recordsOut == 3)
    }

    /// Two different ids with broken UTF-8 would both become "S\u{FFFD}" and merge into one key.
    @Test func idsWithInvalidUTF8AreDeadLetteredNotRepaired() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        var bytes = Array("ts,store,units,price\n2024-01-01T10:00:00,Z\u{fc}rich,1,1.0\n".utf8)
        for bad in [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80]] as [[UInt8]] {
            bytes += Array("2024-01-01T10:00:00,S".utf8) + bad + Array(",2,1.0\n".utf8)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: directory + "/u.csv"))
        try await PipelineHarness.runOnce(yaml: pipeline(path: directory + "/u.csv"), registry: registry, dataDirectory: directory)
        #expect(store.rows("out").map { $0[1] } == [.string("Z\u{fc}rich")])
        let letters = try deadLetters(directory)
        #expect(letters.map { $0["line"] as? Int } == [3, 4, 5])
        #expect(letters.allSatisfy { $0["reason"] as? String == "invalid UTF-8 in column 'store'" })
    }

    @Test func aMissingHeaderColumnSkipsOnlyThatFile() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/in", withIntermediateDirectories: true)
        try write("ts,store,units,price\n2024-01-01T00:00:00,A,1,1\n", to: directory + "/in/1.csv")
        try write("ts,shop,units,price\n2024-01-01T00:00:00,B,1,1\n", to: directory + "/in/2.csv")
        try await PipelineHarness.runOnce(yaml: pipeline(path: directory + "/in"), registry: registry, dataDirectory: directory)
        #expect(store.rows("out").map { $0[1] } == [.string("A")])
        let letter = try #require(try deadLetters(directory).first)
        #expect((letter["reason"] as? String)?.contains("header has no column 'store'") == true)
        #expect(letter["line"] as? Int == 1)
    }

    @Test func resumesAfterTheCheckpointAndReadsAppendedRowsOnce() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let file = directory + "/c.csv"
        try write("ts,store,units,price\n2024-01-01T00:00:00,A,1,1\n2024-01-01T00:00:00,B,2,1\n", to: file)
        try await PipelineHarness.runOnce(yaml: pipeline(path: file), registry: registry, dataDirectory: directory)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("2024-01-01T00:00:00,C,3,1\nbad\n".utf8))
        try handle.close()
        let second = MemorySinkStore()
        var registry = PluginRegistry()
        registry.register(CSVPlugin.registration)
        registry.register(MemorySink.registration(store: second))
        try await PipelineHarness.runOnce(yaml: pipeline(path: file), registry: registry, dataDirectory: directory)
        #expect(second.rows("out").map { $0[1] } == [.string("C")])
        #expect(store.rows("out").count == 2)
        #expect(try deadLetters(directory).map { $0["line"] as? Int } == [5])
    }

    @Test func nonISODatesAndTimestampsFollowTheirFormat() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        try write("InvoiceDate,Day,Qty\n12/1/2010 8:26,03.04.2024,6\n13/1/2010 8:26,03.04.2024,1\n", to: directory + "/o.csv")
        try await PipelineHarness.runOnce(
            yaml: pipeline(path: directory + "/o.csv", columns: #"{ InvoiceDate: "timestamp:%m/%d/%Y %H:%M", Day: "date:%d.%m.%Y", Qty: int }"#),
            registry: registry, dataDirectory: directory)
        let rows = store.rows("out")
        #expect(rows == [[.naiveTimestamp(FieldParser.parse("2010-12-01T08:26:00", FieldParser.timestamp)!), .date(FieldParser.parse("2024-04-03", FieldParser.date)!), .int(6)]])
        let letter = try #require(try deadLetters(directory).first)
        #expect(letter["reason"] as? String == "invalid timestamp in column 'InvoiceDate' (expected %m/%d/%Y %H:%M)")
        #expect(letter["line"] as? Int == 3)
    }

    @Test func aRunawayRecordIsSkippedWithoutHoldingItInMemory() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let huge = String(repeating: "x", count: 3 << 20)
        try write("ts,store,units,price\n2024-01-01T00:00:00,A,1,1\n2024-01-01T00:00:00,\(huge),2,1\n2024-01-01T00:00:00,C,3,1\n", to: directory + "/h.csv")
        let yaml = pipeline(path: directory + "/h.csv").replacingOccurrences(of: "batch_rows: 2", with: "batch_rows: 2\n    max_record_bytes: 65536")
        try await PipelineHarness.runOnce(yaml: yaml, registry: registry, dataDirectory: directory)
        #expect(store.rows("out").map { $0[1] } == [.string("A"), .string("C")])
        let letter = try #require(try deadLetters(directory).first)
        #expect(letter["line"] as? Int == 3)
        #expect((letter["reason"] as? String)?.hasPrefix("record longer than 65536 bytes") == true)
        #expect(((letter["raw"] as? String)?.count ?? 0) <= 4096)
    }

    @Test func unknownColumnTypeIsAConfigError() throws {
        #expect(throws: ConfigError.self) {
            try PipelineHarness.runner(yaml: pipeline(path: "/tmp/x.csv", columns: "{ ts: timestmp }"), registry: registry, dataDirectory: "/tmp")
        }
        #expect(throws: ConfigError.self) {
            try PipelineHarness.runner(yaml: pipeline(path: "/tmp/x.csv", columns: #"{ n: "int:%Y" }"#), registry: registry, dataDirectory: "/tmp")
        }
        #expect(throws: ConfigError.self) {
            try PipelineHarness.runner(yaml: pipeline(path: "/tmp/x.csv", columns: #"{ ts: "timestamp:%Q" }"#), registry: registry, dataDirectory: "/tmp")
        }
    }
}
