import EdgeCore
import Foundation
import Testing

/// `/api/history`: rates and per-interval counts from cumulative counters, levels as they were,
/// `null` before a stage existed, a counter reset counted from zero, and an hour's window.
@Suite("Stage history")
struct StageHistoryTests {
    func stage(_ id: String, in recordsIn: Int, out recordsOut: Int, errors: Int = 0, dead: Int = 0, buffer: Int64 = 0, lag: Int = 0) -> PipelineHealth.Stage {
        var counters = StageMetrics(stage: id, type: "t", kind: .transform).snapshot
        counters.recordsIn = recordsIn
        counters.recordsOut = recordsOut
        counters.errors = errors
        counters.deadLettered = dead
        return PipelineHealth.Stage(
            id: id, kind: .transform, type: "t", inputs: [], counters: counters, queuedBatches: 0, failing: false, lastError: nil,
            lastErrorAt: nil, lastSuccessAt: nil, bufferBytes: buffer, bufferBatches: 0, lagBytes: lag
        )
    }

    func health(at seconds: Double, _ stages: [PipelineHealth.Stage], failing: Bool = false) -> PipelineHealth {
        PipelineHealth(
            pipeline: "p.yaml", stages: stages, sinksNotStarted: failing ? ["db"] : [], takenAt: Date(timeIntervalSince1970: 1_700_000_000 + seconds)
        )
    }

    func document(_ history: StageHistory) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(history.document().utf8)) as? [String: Any])
    }

    func series(_ document: [String: Any], _ stage: String, _ name: String) throws -> [Any] {
        let stages = try #require(document["stages"] as? [String: Any])
        let one = try #require(stages[stage] as? [String: Any])
        return try #require(one[name] as? [Any])
    }

    @Test func ratesAndCountsComeFromTheDifferenceBetweenSamples() throws {
        let history = StageHistory(interval: .seconds(5))
        history.record(health(at: 0, [stage("agg", in: 100, out: 10)]))
        history.record(health(at: 5, [stage("agg", in: 600, out: 35, errors: 2, dead: 3, buffer: 4096, lag: 77)]))
        history.record(health(at: 10, [stage("agg", in: 600, out: 35, errors: 2, dead: 3)], failing: true))
        let document = try document(history)
        #expect(document["interval_seconds"] as? Int == 5)
        #expect((document["times"] as? [String]) == ["2023-11-14T22:13:25.000Z", "2023-11-14T22:13:30.000Z"])
        #expect((document["ready"] as? [Bool]) == [true, false])
        #expect(try series(document, "agg", "rate_in") as? [Double] == [100, 0])
        #expect(try series(document, "agg", "rate_out") as? [Double] == [5, 0])
        #expect(try series(document, "agg", "errors") as? [Int] == [2, 0])
        #expect(try series(document, "agg", "dead_letters") as? [Int] == [3, 0])
        #expect(try series(document, "agg", "buffer_bytes") as? [Int] == [4096, 0])
        #expect(try series(document, "agg", "lag_bytes") as? [Int] == [77, 0])
    }

    @Test func aStageAddedByAReloadIsNullBeforeAndCountsFromZeroAfterAReset() throws {
        let history = StageHistory(interval: .seconds(1))
        history.record(health(at: 0, [stage("a", in: 50, out: 50)]))
        history.record(health(at: 1, [stage("a", in: 60, out: 60)]))
        history.record(health(at: 2, [stage("a", in: 3, out: 3), stage("b", in: 4, out: 4)]))
        let document = try document(history)
        #expect(try series(document, "a", "rate_in") as? [Double] == [10, 3])
        let b = try series(document, "b", "rate_out")
        #expect(b.count == 2)
        #expect(b.first is NSNull)
        #expect(b.last as? Double == 4)
    }

    @Test func theWindowKeepsOnlyTheLastSamples() throws {
        let history = StageHistory(interval: .seconds(5), window: .seconds(20))
        for step in 0..<10 {
            history.record(health(at: Double(step * 5), [stage("a", in: step * step, out: 0)]))
        }
        let document = try document(history)
        let rates = try series(document, "a", "rate_in") as? [Double]
        // 5 samples kept (20 s / 5 s + 1): the last four intervals, from 5*5..9*9.
        #expect(rates == [Double(36 - 25) / 5, Double(49 - 36) / 5, Double(64 - 49) / 5, Double(81 - 64) / 5])
        #expect((document["times"] as? [String])?.count == 4)
    }

    @Test func noSamplesOrOneMeansEmptySeries() throws {
        let history = StageHistory()
        #expect((try document(history)["times"] as? [Any])?.isEmpty == true)
        history.record(health(at: 0, [stage("a", in: 1, out: 1)]))
        let document = try document(history)
        #expect((document["times"] as? [Any])?.isEmpty == true)
        #expect(try series(document, "a", "rate_in").isEmpty)
    }
}
