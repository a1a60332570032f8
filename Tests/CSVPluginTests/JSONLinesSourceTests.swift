import CSVPlugin
import EdgeCore
import EdgeCoreTesting
import Foundation
import RetailWarehouse
import Testing

@Suite struct JSONLinesSourceTests {
    func registry(_ store: MemorySinkStore) -> PluginRegistry {
        var registry = PluginRegistry()
        registry.register(JSONLinesPlugin.registration)
        registry.register(MemorySink.registration(store: store))
        return registry
    }

    @Test func tweetsAreReadAsTheirRecordKindAndBadLinesAreDeadLetteredWithFileAndLine() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/in", withIntermediateDirectories: true)
        try """
            {"tweet_id":"a","created_at":"2025-01-02T10:00:00Z","text":"hello","intended_sentiment":"neutral","product_id":"P1","store_id":"S1"}
            not json
            {"tweet_id":"b","created_at":"yesterday","text":"bad time"}

            {"tweet_id":"c","created_at":"2025-01-03T11:30:00Z","text":"fine","model":"m"}

            """.write(toFile: directory + "/in/t.jsonl", atomically: true, encoding: .utf8)
        let store = MemorySinkStore()
        try await PipelineHarness.runOnce(yaml: """
            sources:
              t: { type: jsonl, path: \(directory)/in, kind: tweet }
            sinks:
              out: { type: memory, inputs: [t] }
            """, registry: registry(store), dataDirectory: directory)
        let rows = store.rows("out")
        #expect(rows.map { $0[0] } == [.string("a"), .string("c")])
        #expect(rows.first?[1] == .timestamp(Int64(CivilDate(year: 2025, month: 1, day: 2).daysSinceEpoch) * 86_400_000_000 + 36_000_000_000))
        #expect(rows.last?[4] == .null && rows.last?[6] == .string("m"))
        let letters = try String(contentsOfFile: directory + "/dead_letter/t.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(letters.count == 2)
        #expect(letters[0].contains("\"line\":2") && letters[0].contains("not a JSON object"))
        #expect(letters[1].contains("\"line\":3") && letters[1].contains("'created_at' is not a timestamp"))

        // A second run resumes after what was read: only an appended line comes out.
        let handle = try #require(FileHandle(forWritingAtPath: directory + "/in/t.jsonl"))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"tweet_id":"d","created_at":"2025-01-04T00:00:00Z","text":"new"}"#.utf8 + [0x0A]))
        try handle.close()
        let again = MemorySinkStore()
        try await PipelineHarness.runOnce(yaml: """
            sources:
              t: { type: jsonl, path: \(directory)/in, kind: tweet }
            sinks:
              out: { type: memory, inputs: [t] }
            """, registry: registry(again), dataDirectory: directory)
        #expect(again.rows("out").map { $0[0] } == [.string("d")])
    }

    /// `run --once` reads a last line that has no newline (it was dropped without a word), and a
    /// later run does not read it again.
    @Test func aLastLineWithoutANewlineIsRead() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/in", withIntermediateDirectories: true)
        try Data((#"{"tweet_id":"a","created_at":"2025-01-02T10:00:00Z","text":"one"}"# + "\n" + #"{"tweet_id":"b","created_at":"2025-01-02T11:00:00Z","text":"last"}"#).utf8)
            .write(to: URL(fileURLWithPath: directory + "/in/t.jsonl"))
        let yaml = "sources:\n  t: { type: jsonl, path: \(directory)/in, kind: tweet }\nsinks:\n  out: { type: memory, inputs: [t] }\n"
        let store = MemorySinkStore()
        try await PipelineHarness.runOnce(yaml: yaml, registry: registry(store), dataDirectory: directory)
        #expect(store.rows("out").map { $0[0] } == [.string("a"), .string("b")])
        let again = MemorySinkStore()
        try await PipelineHarness.runOnce(yaml: yaml, registry: registry(again), dataDirectory: directory)
        #expect(again.rows("out").isEmpty)
    }

    @Test func eitherAKindOrColumns() throws {
        #expect {
            try PipelineHarness.runner(yaml: """
                sources:
                  t: { type: jsonl, path: /tmp/x, kind: tweets }
                sinks:
                  out: { type: memory, inputs: [t] }
                """, registry: registry(MemorySinkStore()), dataDirectory: "/tmp")
        } throws: { error in
            (error as? ConfigError)?.errors.first?.message.contains("'tweets' is not a record kind") == true
        }
    }
}
