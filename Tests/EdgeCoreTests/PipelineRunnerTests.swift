import EdgeCore
import EdgeCoreTesting
import Foundation
import Testing

@Suite("Runtime: flow, backpressure, restarts, checkpoints, shutdown")
struct PipelineRunnerTests {
    @Test func everyRecordReachesTheSinkInOrder() async throws {
        let store = MemorySinkStore()
        let runner = try await PipelineHarness.runOnce(yaml: """
            sources:
              numbers: { type: counting, batches: 50, rows: 20 }
            transforms:
              p: { type: pass, inputs: [numbers] }
            sinks:
              out: { type: memory, inputs: [p] }
            """, registry: testRegistry(store: store), dataDirectory: PipelineHarness.temporaryDirectory())
        #expect(store.rows("out").map { $0[0] } == (0..<1000).map { Value.int(Int64($0)) })
        #expect(store.commits("out") >= 1)
        #expect(runner.metrics.first { $0.stage == "numbers" }?.snapshot.recordsOut == 1000)
        #expect(runner.metrics.first { $0.stage == "out" }?.snapshot.recordsIn == 1000)
    }

    @Test func namedOutputsCarryOnlyTheirOwnBatches() async throws {
        let store = MemorySinkStore()
        try await PipelineHarness.runOnce(yaml: """
            sources:
              numbers: { type: counting, batches: 5, rows: 10 }
            transforms:
              split: { type: split, inputs: [numbers] }
            sinks:
              evens: { type: memory, inputs: [split] }
              odds: { type: memory, inputs: [split.odd] }
            """, registry: testRegistry(store: store), dataDirectory: PipelineHarness.temporaryDirectory())
        #expect(store.rows("evens").map { $0[0] } == stride(from: 0, to: 50, by: 2).map { Value.int(Int64($0)) })
        #expect(store.rows("odds").map { $0[0] } == stride(from: 1, to: 50, by: 2).map { Value.int(Int64($0)) })
    }

    @Test func anUnknownNamedOutputIsAConfigErrorListingTheOthers() throws {
        #expect {
            try PipelineHarness.runner(yaml: """
                sources:
                  numbers: { type: counting }
                transforms:
                  split: { type: split, inputs: [numbers] }
                sinks:
                  out: { type: memory, inputs: [split, split.od] }
                """, registry: testRegistry(), dataDirectory: "/tmp")
        } throws: { error in
            (error as? ConfigError)?.errors.map(\.message) == ["'split' has no output 'od' (it has: odd); did you mean 'split.odd'?"]
        }
    }

    @Test func aSlowSinkHoldsBackTheSource() async throws {
        let store = MemorySinkStore(writeDelay: .milliseconds(20))
        let runner = try PipelineHarness.runner(yaml: """
            channel_capacity: 2
            sources:
              numbers: { type: counting, batches: 40, rows: 10 }
            sinks:
              out: { type: memory, inputs: [numbers] }
            """, registry: testRegistry(store: store), dataDirectory: PipelineHarness.temporaryDirectory())
        let run = Task { try await runner.run() }
        var maxAhead = 0
        for _ in 0..<30 {
            try await Task.sleep(for: .milliseconds(15))
            let produced = runner.metrics[0].snapshot.recordsOut / 10
            let written = store.batches("out").count
            maxAhead = max(maxAhead, produced - written)
        }
        try await run.value
        // Capacity 2 plus the batch being written plus the one being sent.
        #expect(maxAhead <= 4)
        #expect(store.rows("out").count == 400)
    }

    @Test func aFailingSinkBuffersRetriesAndLosesNothing() async throws {
        let store = MemorySinkStore(failures: 3)
        let runner = try await PipelineHarness.runOnce(yaml: """
            sources:
              numbers: { type: counting, batches: 5, rows: 10 }
            sinks:
              out: { type: memory, inputs: [numbers], restart_backoff: 10ms }
            """, registry: testRegistry(store: store), dataDirectory: PipelineHarness.temporaryDirectory())
        #expect(store.rows("out").map { $0[0] } == (0..<50).map { Value.int(Int64($0)) })
        // The first failure sends the batch to the disk buffer; the drainer retries twice more.
        #expect(runner.metrics[1].snapshot.errors == 1)
        #expect(runner.metrics[1].snapshot.retries == 2)
        #expect(runner.metrics[1].snapshot.recordsOut == 50)
    }

    @Test func theLastDrainDoesNotRaceTheBackgroundDrainer() async throws {
        // The first write fails, so every batch goes through the disk buffer, and the input ends
        // while the drainer is still moving them, slowly.
        let store = MemorySinkStore(failures: 1, writeDelay: .milliseconds(15))
        try await PipelineHarness.runOnce(yaml: """
            sources:
              numbers: { type: counting, batches: 20, rows: 10, delay: 10ms }
            sinks:
              out: { type: memory, inputs: [numbers], restart_backoff: 1ms }
            """, registry: testRegistry(store: store), dataDirectory: PipelineHarness.temporaryDirectory())
        #expect(store.rows("out").map { $0[0] } == (0..<200).map { Value.int(Int64($0)) })
    }

    @Test func aSinkThatDeliversAtCommitLosesNothingWhenCommitsFail() async throws {
        // Its queue is lost twice: at the end of input, then while the buffer drains.
        let store = MemorySinkStore(commitFailures: 2, deliveryWindowRows: 1000)
        let runner = try await PipelineHarness.runOnce(yaml: """
            sources:
              numbers: { type: counting, batches: 5, rows: 10 }
            sinks:
              out: { type: memory, inputs: [numbers], restart_backoff: 1ms }
            """, registry: testRegistry(store: store), dataDirectory: PipelineHarness.temporaryDirectory())
        #expect(store.rows("out").map { $0[0] } == (0..<50).map { Value.int(Int64($0)) })
        #expect(runner.metrics[1].snapshot.errors >= 1)
    }

    @Test func aSinkThatDeliversAtCommitLosesNothingAcrossCheckpointsWhoseCommitFailed() async throws {
        let store = MemorySinkStore(commitFailures: 3, writeDelay: .milliseconds(3), deliveryWindowRows: 1_000_000)
        try await PipelineHarness.runOnce(yaml: """
            checkpoint_interval: 15ms
            sources:
              numbers: { type: counting, batches: 60, rows: 10 }
            sinks:
              out: { type: memory, inputs: [numbers], restart_backoff: 1ms }
            """, registry: testRegistry(store: store), dataDirectory: PipelineHarness.temporaryDirectory())
        #expect(store.rows("out").map { $0[0] } == (0..<600).map { Value.int(Int64($0)) })
        // Checkpoints committed along the way, not only the end.
        #expect(store.commits("out") > 3)
    }

    @Test func aSinkThatDeliversAtCommitIsCommittedWhenItsWindowFills() async throws {
        let store = MemorySinkStore(deliveryWindowRows: 20)
        try await PipelineHarness.runOnce(yaml: """
            sources:
              numbers: { type: counting, batches: 10, rows: 10 }
            sinks:
              out: { type: memory, inputs: [numbers] }
            """, registry: testRegistry(store: store), dataDirectory: PipelineHarness.temporaryDirectory())
        #expect(store.rows("out").map { $0[0] } == (0..<100).map { Value.int(Int64($0)) })
        // Every second batch fills the window: five commits, then the one at the end (nothing left).
        #expect(store.commits("out") >= 5)
    }

    @Test func aBatchTheSinkKeepsRefusingIsDeadLetteredAndTheRestFlows() async throws {
        let store = MemorySinkStore(failures: 3)
        let directory = PipelineHarness.temporaryDirectory()
        let runner = try await PipelineHarness.runOnce(yaml: """
            sources:
              numbers: { type: counting, batches: 5, rows: 10 }
            sinks:
              out: { type: memory, inputs: [numbers], restart_backoff: 1ms, max_restarts: 1 }
            """, registry: testRegistry(store: store), dataDirectory: directory)
        // Batch 0 fails three times on a live connection: past max_restarts it is dead-lettered.
        #expect(store.rows("out").map { $0[0] } == (10..<50).map { Value.int(Int64($0)) })
        #expect(runner.metrics[1].snapshot.deadLettered == 10)
        let letters = try String(contentsOfFile: directory + "/dead_letter/out.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(letters.count == 10)
        #expect(letters[0].contains("rejected by the sink: injected write failure"))
    }

    @Test func anUnreachableSinkKeepsItsBatchesOnDiskForTheNextRun() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let yaml = """
            sources:
              numbers: { type: counting, batches: 4, rows: 25 }
            sinks:
              out: { type: memory, inputs: [numbers], restart_backoff: 1ms, max_restarts: 2 }
            """
        let down = MemorySinkStore(openFailures: 1000)
        let runner = try PipelineHarness.runner(yaml: yaml, registry: testRegistry(store: down), dataDirectory: directory)
        await #expect {
            try await runner.run()
        } throws: { error in
            (error as? PipelineError)?.code == .stageFailed && "\(error)".contains("disk buffer")
        }
        #expect(down.rows("out").isEmpty)
        #expect(runner.failingStages == ["out"])
        // The health model says so, with the error and what the disk buffer holds.
        let health = PipelineHealth(runner: runner)
        #expect(!health.ready)
        #expect(health.failing == ["out"])
        let out = try #require(health.stages.first { $0.id == "out" })
        #expect(out.lastError?.isEmpty == false)
        #expect(out.lastErrorAt != nil)
        #expect(out.bufferBatches == 4)
        #expect(out.bufferBytes > 0)
        #expect(health.bufferBytes == out.bufferBytes)
        #expect(health.statusLine(recordsPerSecond: 0).hasPrefix("NOT READY: sink out failing: "))
        #expect(health.statusLine(recordsPerSecond: 0).contains("buffered \(out.bufferBytes) bytes"))
        // The destination is back: the next run replays the buffer first. No checkpoint covered
        // the failed run, so the source reads again too (at least once; database sinks upsert).
        let up = MemorySinkStore()
        try await PipelineHarness.runOnce(yaml: yaml, registry: testRegistry(store: up), dataDirectory: directory)
        let values = up.rows("out").map { $0[0] }
        #expect(Array(values.prefix(100)) == (0..<100).map { Value.int(Int64($0)) })
        #expect(Set(values) == Set((0..<100).map { Value.int(Int64($0)) }))
    }

    @Test func aRunResumesFromItsCheckpoint() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let yaml = """
            sources:
              numbers: { type: counting, batches: 10, rows: 10 }
            sinks:
              out: { type: memory, inputs: [numbers] }
            """
        let first = MemorySinkStore()
        try await PipelineHarness.runOnce(yaml: yaml, registry: testRegistry(store: first), dataDirectory: directory)
        #expect(first.rows("out").count == 100)
        let checkpoint = try #require(try CheckpointStore(directory: directory + "/checkpoints").load())
        #expect(checkpoint.positions["numbers"] == Array("100".utf8))
        let second = MemorySinkStore()
        try await PipelineHarness.runOnce(yaml: yaml, registry: testRegistry(store: second), dataDirectory: directory)
        #expect(second.rows("out").isEmpty)
    }

    @Test func barriersAreAlignedAcrossInputs() async throws {
        let store = MemorySinkStore()
        let directory = PipelineHarness.temporaryDirectory()
        try await PipelineHarness.runOnce(yaml: """
            checkpoint_interval: 20ms
            sources:
              fast: { type: counting, batches: 30, rows: 5, delay: 2ms }
              slow: { type: counting, batches: 10, rows: 5, delay: 15ms }
            transforms:
              both: { type: pass, inputs: [fast, slow] }
            sinks:
              out: { type: memory, inputs: [both] }
            """, registry: testRegistry(store: store), dataDirectory: directory)
        #expect(store.rows("out").count == 200)
        #expect(store.commits("out") > 2)
        let checkpoint = try #require(try CheckpointStore(directory: directory + "/checkpoints").load())
        #expect(checkpoint.positions["fast"] == Array("150".utf8))
        #expect(checkpoint.positions["slow"] == Array("50".utf8))
    }

    @Test func stopDrainsAndCheckpointsWhatWasRead() async throws {
        let store = MemorySinkStore()
        let directory = PipelineHarness.temporaryDirectory()
        let runner = try PipelineHarness.runner(yaml: """
            sources:
              numbers: { type: counting, batches: 1000000, rows: 10, delay: 1ms }
            sinks:
              out: { type: memory, inputs: [numbers] }
            """, registry: testRegistry(store: store), dataDirectory: directory, mode: .continuous)
        let run = Task { try await runner.run() }
        let deadline = ContinuousClock.now + .seconds(60)  // generous: a loaded machine, not a speed check
        while store.rows("out").count < 100, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        runner.requestStop()
        try await run.value
        let written = store.rows("out").count
        #expect(written > 0)
        let checkpoint = try #require(try CheckpointStore(directory: directory + "/checkpoints").load())
        #expect(checkpoint.positions["numbers"] == Array(String(written).utf8))
    }
}
