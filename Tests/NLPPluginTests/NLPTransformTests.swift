import EdgeCore
import EdgeCoreTesting
import Foundation
import NLPPlugin
import RetailWarehouse
import Testing

@Suite struct NLPTransformTests {
    static let day = CivilDate(year: 2025, month: 3, day: 14).daysSinceEpoch
    static let noon = Int64(day) * 86_400_000_000 + 43_200_000_000

    static func tweets(_ rows: [(id: String, text: String, label: String?, product: String?)]) -> RecordBatch {
        StaticSource.batch(RecordKind.tweet, rows.map { row in
            [.string(row.id), .timestamp(noon), .string(row.text), row.label.map(Value.string) ?? .null,
             row.product.map(Value.string) ?? .null, .string("S01"), .null, .null, .null]
        })
    }

    func run(_ batches: [RecordBatch], yaml: String, directory: String = PipelineHarness.temporaryDirectory()) async throws -> MemorySinkStore {
        let store = MemorySinkStore()
        var registry = PluginRegistry()
        registry.register(MemorySink.registration(store: store))
        for registration in NLPPlugin.registrations { registry.register(registration) }
        registry.register(StaticSource.registration("tweets", batches))
        try await PipelineHarness.runOnce(yaml: yaml, registry: registry, dataDirectory: directory)
        return store
    }

    @Test func theShippedModelReadsClearSentimentAndRollsItUpPerDay() async throws {
        let batch = Self.tweets([
            ("1", "I love my new Aurora X200 headphones, the sound is amazing!", nil, "P001"),
            ("2", "Terrible service at the store, the speaker broke after one day. Never again.", nil, "P002"),
            ("3", "Absolutely fantastic, best purchase this year", nil, "P001"),
        ])
        let store = try await run([batch], yaml: """
            sources:
              t: { type: tweets }
            transforms:
              s: { type: sentiment, inputs: [t] }
            sinks:
              out: { type: memory, inputs: [s] }
              daily: { type: memory, inputs: [s.daily] }
            """)
        let labels = store.rows("out").map { $0[7] }
        #expect(labels == [.string("positive"), .string("negative"), .string("positive")])
        #expect(store.rows("out").allSatisfy { if case .double(let c) = $0[8] { c > 0.34 && c <= 1 } else { false } })
        let daily = store.rows("daily")
        let p001 = daily.first { $0[1] == .string("PRODUCT") && $0[2] == .string("P001") }
        #expect(p001?[0] == .date(Self.day))
        #expect(p001?[3] == .int(2))
        #expect(daily.contains { $0[1] == .string("STORE") && $0[2] == .string("S01") && $0[3] == .int(2) && $0[5] == .int(1) })
    }

    @Test func labelledRowsAreJudgedBeforeTheModelLearnsFromThem() async throws {
        // A made-up word the shipped model has never seen, labelled negative again and again.
        let rows = (0..<200).map { ("\($0)", "the zorblax gadget from store number \($0 % 7)", Optional("negative"), Optional("P00\($0 % 3)")) }
        let batches = stride(from: 0, to: rows.count, by: 50).map { Self.tweets(Array(rows[$0..<($0 + 50)])) }
        let store = try await run(batches, yaml: """
            sources:
              t: { type: tweets }
            models:
              clf: { type: text_classifier, learning_rate: 1.0, holdout: 50, tolerance: 0.05 }
            transforms:
              s: { type: sentiment, inputs: [t], model: clf }
            sinks:
              out: { type: memory, inputs: [s] }
              metrics: { type: memory, inputs: [s.metrics] }
            """)
        let accuracies = store.rows("metrics").compactMap { row -> Double? in if case .double(let v) = row[10] { v } else { nil } }
        #expect(accuracies.count == 4)
        #expect(store.rows("metrics").allSatisfy { $0[3] == .string("sentiment") && $0[12] == .int(50) })
        // Per-class F1: only negative rows, so positive and neutral have no F1 to speak of (0).
        #expect(store.rows("metrics").allSatisfy { if case .double = $0[16] { true } else { false } })
        // Learning online makes the last batch better than the first.
        #expect(accuracies.last! > accuracies.first!, "\(accuracies)")
    }

    @Test func entitiesAreLinkedToTheCatalogue() async throws {
        let catalog = PipelineHarness.temporaryDirectory() + "/catalog.yaml"
        try """
            products:
              - { id: P001, name: Aurora X200 Headphones, aliases: [Aurora X200] }
            stores:
              - { id: S01, name: Downtown Flagship }
            organizations:
              - { id: QS, name: QuickShip }
            """.write(toFile: catalog, atomically: true, encoding: .utf8)
        let batch = Self.tweets([("1", "My Auroar X200 arrived late via #QuickShip at the Downtown Flagship", nil, nil)])
        let store = try await run([batch], yaml: """
            sources:
              t: { type: tweets }
            transforms:
              e: { type: ner, inputs: [t], catalog: \(catalog) }
            sinks:
              out: { type: memory, inputs: [e] }
            """)
        let entities = store.rows("out").map { row in [row[3], row[4]] }
        #expect(entities.contains([.string("PRODUCT"), .string("P001")]))
        #expect(entities.contains([.string("ORG"), .string("QS")]))
        #expect(entities.contains([.string("STORE"), .string("S01")]))
        #expect(store.rows("out").first?[1] == .int(3))
    }

    /// Untrusted text has bounded cost: a text over `max_text_bytes` is dead-lettered by both
    /// stages, and the rest of its batch is analysed.
    @Test func aTextOverTheBudgetIsDeadLetteredAndTheRestFlows() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let catalog = directory + "/catalog.yaml"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "products:\n  - { id: P001, name: Aurora X200 }\n".write(toFile: catalog, atomically: true, encoding: .utf8)
        let batch = Self.tweets([
            ("1", "I love my Aurora X200", nil, "P001"),
            ("huge", String(repeating: "Aurora X200 is great ", count: 100), nil, "P001"),
            ("3", "My Aurora X200 broke, terrible", nil, "P001"),
        ])
        let store = try await run([batch], yaml: """
            sources:
              t: { type: tweets }
            transforms:
              s: { type: sentiment, inputs: [t], max_text_bytes: 1024 }
              e: { type: ner, inputs: [t], catalog: \(catalog), max_text_bytes: 1024 }
            sinks:
              out: { type: memory, inputs: [s] }
              entities: { type: memory, inputs: [e] }
            """, directory: directory)
        #expect(store.rows("out").map { $0[0] } == [.string("1"), .string("3")])
        #expect(Set(store.rows("entities").map { $0[0] }) == [.string("1"), .string("3")])
        for stage in ["s", "e"] {
            let letters = try String(contentsOfFile: directory + "/dead_letter/\(stage).jsonl", encoding: .utf8).split(separator: "\n")
            #expect(letters.count == 1)
            #expect(letters.first?.contains("text of 2100 bytes is longer than max_text_bytes 1024") == true)
            #expect(letters.first?.contains("\"id\":\"huge\"") == true)
        }
    }
}
