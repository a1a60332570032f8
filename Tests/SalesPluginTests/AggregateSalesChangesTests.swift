import EdgeCore
import EdgeCoreTesting
import Foundation
import SalesPlugin
import Testing

@Suite("aggregate_sales emit: changes: per shard, what changed, with the positions it covers")
struct AggregateSalesChangesTests {
    /// `batch` tagged as positions `from..<to` of `shard`, read under `owner`.
    static func ranged(_ batch: RecordBatch, _ shard: String, _ from: Int64, _ to: Int64, owner: String = "a") -> RecordBatch {
        var batch = batch
        batch.provenance = Provenance(source: "tx", origin: shard, range: SourceRange(source: "tx", shard: shard, from: from, to: to, owner: owner))
        return batch
    }

    let yaml = AggregateSalesTests().yaml.replacingOccurrences(of: "inputs: [tx] }", with: "inputs: [tx], emit: changes }")

    func run(_ batches: [RecordBatch]) async throws -> [RecordBatch] {
        let store = MemorySinkStore()
        try await PipelineHarness.runOnce(yaml: yaml, registry: AggregateSalesTests().registry(store, batches: batches), dataDirectory: PipelineHarness.temporaryDirectory())
        return store.batches("out")
    }

    static func rows(_ batch: RecordBatch) -> [String: [Value]] {
        Dictionary(uniqueKeysWithValues: (0..<batch.count).map { row in
            let values = batch.row(row)
            return ("\(values[0])|\(values[1])|\(values[2])", Array(values[3...]))
        })
    }

    @Test func eachShardsChangesAreOneBatchCoveringItsContiguousRanges() async throws {
        let batches = AggregateSalesTests.batches
        let out = try await run([Self.ranged(batches[0], "t:0", 0, 3), Self.ranged(batches[1], "t:1", 7, 9), Self.ranged(batches[2], "t:0", 3, 5)])
        #expect(out.allSatisfy { $0.schema.kind == "sales_daily_change" })
        #expect(out.count == 2)
        let ranges = out.compactMap(\.provenance?.range)
        #expect(ranges == [SourceRange(source: "tx", shard: "t:0", from: 0, to: 5, owner: "a"), SourceRange(source: "tx", shard: "t:1", from: 7, to: 9, owner: "a")])
        // Shard t:0 holds batches 0 and 2: 2×1.5 + 1×1.5 + 1×1.0 (06:00 UTC from +02:00) on the 1st.
        let first = Self.rows(out[0])
        #expect(first["2024-01-01|S1|P1"] == [.double(4), .double(5.5), .int(3)])
        #expect(first["2024-01-02|S1|P1"] == [.double(5), .double(5), .int(2)])
        #expect(Self.rows(out[1]) == ["2024-01-01|S1|P1": [.double(3), .double(6), .int(1)], "2024-01-01|S2|P1": [.double(1), .double(1), .int(1)]])
    }

    /// A shard read again from another position, or under a new claim, starts a new range: the
    /// changes so far go out under their own.
    @Test func aRangeThatDoesNotContinueTheShardsClosesItsChangesFirst() async throws {
        let batches = AggregateSalesTests.batches
        let out = try await run([Self.ranged(batches[0], "t:0", 0, 3), Self.ranged(batches[1], "t:0", 3, 5, owner: "b"), Self.ranged(batches[2], "t:0", 2, 4, owner: "b")])
        #expect(out.compactMap(\.provenance?.range).map { "\($0.owner) \($0.from)-\($0.to)" } == ["a 0-3", "b 3-5", "b 2-4"])
        #expect(out.map(\.count) == [2, 2, 2])
    }

    @Test func recordsWithoutPositionsAreRefusedWithTheReason() async throws {
        await #expect {
            _ = try await run(AggregateSalesTests.batches)
        } throws: { error in
            "\(error)".contains("emit: changes needs records that carry their source positions")
        }
    }
}
