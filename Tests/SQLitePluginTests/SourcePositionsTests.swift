import EdgeCore
import EdgeCoreTesting
import Foundation
import RetailWarehouse
import SQLitePlugin
import Testing

/// Emits changes of daily totals under shard claims, as two readers of one partition would: a
/// replay, a range of a claim that was taken over, and the new claim's range.
struct ClaimingSource: SourceStage {
    /// What each claim returned, for the test.
    final class Claims: Sendable {
        let made = LockedValue<[ShardClaim]>([])
    }
    let claims: Claims

    /// One row per position of `from..<to`: 1 unit of P1 at S1 on 2024-01-01, 0.25 each.
    static func changes(_ from: Int64, _ to: Int64, owner: String) -> RecordBatch {
        var date = ColumnBuilder(type: .date), store = ColumnBuilder(type: .string), product = ColumnBuilder(type: .string)
        var units = ColumnBuilder(type: .double), revenue = ColumnBuilder(type: .double), lines = ColumnBuilder(type: .int)
        date.append(date: 19_723)
        store.append(string: "S1")
        product.append(string: "P1")
        units.append(double: Double(to - from))
        revenue.append(double: Double(to - from) * 0.25)
        lines.append(int: to - from)
        let range = SourceRange(source: "tx", shard: "sales:0", from: from, to: to, owner: owner)
        return RecordBatch(schema: RecordKind.salesDailyChange, columns: [date.finish(), store.finish(), product.finish(), units.finish(), revenue.finish(), lines.finish()],
                           provenance: Provenance(source: "tx", range: range))
    }

    func claim(_ context: SourceContext) async throws -> ShardClaim {
        for _ in 0..<200 {
            if let claim = try? await context.claim(shards: ["sales:0"]) {
                claims.made.withLock { $0.append(claim) }
                return claim
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await context.claim(shards: ["sales:0"])
    }

    func run(_ context: SourceContext) async throws {
        let first = try await claim(context)
        try await context.emit(Self.changes(0, 10, owner: first.owner), position: [])
        try await context.emit(Self.changes(0, 10, owner: first.owner), position: [])
        try await context.emit(Self.changes(10, 20, owner: first.owner), position: [])
        try await context.emit(Self.changes(15, 25, owner: first.owner), position: Array("4".utf8))
        // As a Kafka hand-over does: the next claim comes once a checkpoint covers what was read.
        await context.requestCheckpoint()
        while await context.committedPosition() != Array("4".utf8) {
            try await context.idle(position: Array("4".utf8))
            try await Task.sleep(for: .milliseconds(5))
        }
        let second = try await claim(context)
        try await context.emit(Self.changes(20, 30, owner: first.owner), position: [])
        try await context.emit(Self.changes(20, 30, owner: second.owner), position: [])
    }
}

@Suite struct SourcePositionsTests {
    @Test func decisionsFollowTheStoredPositionAndItsOwner() {
        let range = SourceRange(source: "tx", shard: "t:0", from: 10, to: 20, owner: "a")
        #expect(SourcePositions.decide(range, stored: nil) == .apply)
        #expect(SourcePositions.decide(range, stored: .init(next: nil, owner: "a")) == .apply)
        #expect(SourcePositions.decide(range, stored: .init(next: 10, owner: "a")) == .apply)
        #expect(SourcePositions.decide(range, stored: .init(next: 5, owner: "a")) == .apply)
        #expect(SourcePositions.decide(range, stored: .init(next: 20, owner: "a")) == .applied)
        #expect(SourcePositions.decide(range, stored: .init(next: 15, owner: "a")) == .overlaps)
        #expect(SourcePositions.decide(range, stored: .init(next: 10, owner: "b")) == .fenced)
    }

    /// Changes land once per range, add up in the table, and a taken-over claim's range is
    /// skipped; the positions table says where the shard stands and who owns it.
    @Test func changesAddOnceUnderTheOwningClaim() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let claims = ClaimingSource.Claims()
        let source = ClaimingSource(claims: claims)
        var registry = PluginRegistry()
        registry.register(SQLitePlugin.registration)
        registry.register(PluginRegistration(kind: .source, type: "claiming", summary: "", options: []) { _ in
            .source(source, output: RecordKind.salesDailyChange)
        })
        try await PipelineHarness.runOnce(yaml: """
            sources:
              tx: { type: claiming }
            sinks:
              db: { type: sqlite, inputs: [tx], path: \(directory)/out.db }
            """, registry: registry, dataDirectory: directory)
        // [0, 10), [10, 20) and the second claim's [20, 30): the replay, the overlapping range
        // and the first claim's late [20, 30) are skipped.
        #expect(try SQLiteShell.query(directory + "/out.db", "SELECT units, revenue, lines FROM fact_sales_daily") == "30.0|7.5|30")
        let made = claims.made.withLock { $0 }
        #expect(made.count == 2)
        #expect(made.first?.positions == [:])
        #expect(made.last?.positions == ["sales:0": 20])
        #expect(made.first?.keepers == 1)
        #expect(try SQLiteShell.query(directory + "/out.db", "SELECT sink, source, shard, next_position, owner FROM retail_edge_positions")
                == "db|tx|sales:0|30|\(made.last?.owner ?? "")")
    }
}
