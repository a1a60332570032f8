import EdgeCore
import EdgeCoreTesting
import Testing

/// The supervisor starts a failed stage's work again with backoff, and counts each restart
/// (`retail_edge_stage_restarts_total`), so that a stage failing over and over shows on a dashboard.
@Suite("Stage restarts")
struct StageRestartTests {
    @Test func aSourceThatFailsIsRestartedAndEveryRestartIsCounted() async throws {
        let store = MemorySinkStore()
        let source = FailingSource(failures: 3)
        var registry = testRegistry(store: store)
        registry.register(source.registration)
        let runner = try await PipelineHarness.runOnce(yaml: """
            sources:
              flaky: { type: flaky, restart_backoff: 1ms, max_restarts: 5 }
            sinks:
              out: { type: memory, inputs: [flaky] }
            """, registry: registry, dataDirectory: PipelineHarness.temporaryDirectory())
        #expect(source.runs == 4)
        let flaky = try #require(runner.metrics.first { $0.stage == "flaky" }).snapshot
        #expect(flaky.restarts == 3)
        #expect(flaky.errors == 3)
        #expect(store.rows("out").map { $0[0] } == [.int(7)])
        #expect(try #require(runner.metrics.first { $0.stage == "out" }).snapshot.restarts == 0)
    }

    @Test func aSinkThatCannotConnectCountsEveryReconnection() async throws {
        // The first connection fails at start, the drainer's first reconnection too; the second works.
        let store = MemorySinkStore(openFailures: 2)
        let runner = try await PipelineHarness.runOnce(yaml: """
            sources:
              numbers: { type: counting, batches: 5, rows: 10 }
            sinks:
              out: { type: memory, inputs: [numbers], restart_backoff: 1ms }
            """, registry: testRegistry(store: store), dataDirectory: PipelineHarness.temporaryDirectory())
        let out = try #require(runner.metrics.first { $0.stage == "out" }).snapshot
        #expect(out.restarts == 2)
        #expect(out.recordsOut == 50)
        #expect(try #require(runner.metrics.first { $0.stage == "numbers" }).snapshot.restarts == 0)
    }

    @Test func aHealthySourceIsNeverRestarted() async throws {
        let source = FailingSource(failures: 0)
        var registry = testRegistry()
        registry.register(source.registration)
        let runner = try await PipelineHarness.runOnce(yaml: """
            sources:
              flaky: { type: flaky }
            sinks:
              out: { type: memory, inputs: [flaky] }
            """, registry: registry, dataDirectory: PipelineHarness.temporaryDirectory())
        #expect(source.runs == 1)
        #expect(runner.metrics.allSatisfy { $0.snapshot.restarts == 0 })
    }
}
