import EdgeCore
import Foundation
import Testing

/// Children that crash, print garbage, hang or exit at once get clear errors; the agent goes on.
@Suite("Exec plugins: misbehaving children")
struct ExecMisbehaviourTests {
    /// A source of ids 0..<20 in batches of 5, and a file sink after `transform`.
    func pipeline(_ fixture: ExecFixture, maxRestarts: Int = 2, transform options: String = "") throws -> PipelineRunner {
        try fixture.plugin("ids", kind: "source", output: "{ id: int }", python: """
        hello()
        for b in range(4):
            send({"type": "batch", "id": b + 1, "columns": ["id"], "rows": [[i] for i in range(b * 5, b * 5 + 5)]})
        send({"type": "end"})
        for m in messages():
            if m["type"] == "shutdown": break
        """)
        return try fixture.runner("""
        sources:
          ids: { type: ids }
        transforms:
          t: { type: t, inputs: [ids], max_restarts: \(maxRestarts), restart_backoff: 10ms\(options) }
        sinks:
          out: { type: file, inputs: [t], path: \(fixture.directory)/out.jsonl }
        """)
    }

    func deadLetters(_ fixture: ExecFixture) -> [String] {
        fixture.lines("state/dead_letter/t.jsonl")
    }

    @Test(.timeLimit(.minutes(1))) func transformKilledMidStreamIsRestartedAndNothingIsLost() async throws {
        let fixture = ExecFixture()
        try fixture.plugin("t", kind: "transform", python: """
        hello()
        for m in messages():
            if m["type"] == "batch":
                if m["id"] == 2 and not os.path.exists("crashed"):
                    open("crashed", "w").close(); os.kill(os.getpid(), 9)
                send({"type": "batch", "id": m["id"], "columns": m["columns"], "rows": m["rows"]})
        """)
        let runner = try pipeline(fixture)
        try await runner.run()
        #expect(fixture.lines("out.jsonl") == (0..<20).map { "{\"id\":\($0)}" })
        #expect(runner.metrics[1].snapshot.errors == 1)
        #expect(deadLetters(fixture).isEmpty)
    }

    @Test(.timeLimit(.minutes(1))) func garbageIsAClearErrorAndTheBatchIsDeadLettered() async throws {
        let fixture = ExecFixture()
        try fixture.plugin("t", kind: "transform", python: """
        hello()
        for m in messages():
            if m["type"] == "batch":
                if m["id"] == 1 or os.path.exists("broken"):
                    open("broken", "w").close(); print("this is not json", flush=True)
                else:
                    send({"type": "batch", "id": m["id"], "columns": m["columns"], "rows": m["rows"]})
        """)
        let runner = try pipeline(fixture)
        try await runner.run()
        // The first batch breaks it for good: all four batches are dead-lettered, the run ends normally.
        #expect(fixture.lines("out.jsonl").isEmpty)
        let letters = deadLetters(fixture)
        #expect(letters.count == 20)
        #expect(letters.first?.contains("not JSON") == true)
        #expect(letters.first?.contains("this is not json") == true)
        #expect(runner.metrics[1].snapshot.errors == 12)
    }

    @Test(.timeLimit(.minutes(1))) func aHugeLineIsSkippedWithAClearErrorAndTheRestFlows() async throws {
        let fixture = ExecFixture()
        try fixture.plugin("t", kind: "transform", python: """
        hello()
        for m in messages():
            if m["type"] == "batch":
                if m["id"] == 2:
                    print("x" * 5000, flush=True)
                send({"type": "batch", "id": m["id"], "columns": m["columns"], "rows": m["rows"]})
        """)
        let runner = try pipeline(fixture, transform: ", max_line_bytes: 1024")
        try await runner.run()
        // The oversized line is skipped; the answer after it still arrives, so nothing is lost.
        #expect(fixture.lines("out.jsonl") == (0..<20).map { "{\"id\":\($0)}" })
        #expect(runner.metrics[1].snapshot.errors >= 1)
    }

    @Test(.timeLimit(.minutes(1))) func wrongColumnsAreNamed() async throws {
        let fixture = ExecFixture()
        try fixture.plugin("t", kind: "transform", python: """
        hello()
        for m in messages():
            if m["type"] == "batch":
                send({"type": "batch", "id": m["id"], "columns": ["identifier"], "rows": m["rows"]})
        """)
        let runner = try pipeline(fixture, maxRestarts: 0)
        try await runner.run()
        #expect(deadLetters(fixture).first?.contains("batch has columns [identifier]; expected [id]") == true)
    }

    @Test(.timeLimit(.minutes(1))) func aHangingChildTimesOutAndIsKilled() async throws {
        let fixture = ExecFixture()
        try fixture.plugin("t", kind: "transform", python: """
        hello()
        for m in messages():
            if m["type"] == "batch":
                if m["id"] == 1:
                    time.sleep(3600)
                send({"type": "batch", "id": m["id"], "columns": m["columns"], "rows": m["rows"]})
        """)
        let started = ContinuousClock.now
        let runner = try pipeline(fixture, maxRestarts: 0, transform: ", timeout: 2s")
        try await runner.run()
        #expect(ContinuousClock.now - started < .seconds(20))
        // Batch 1 timed out and was dead-lettered; the restarted child handled the others.
        #expect(fixture.lines("out.jsonl") == (5..<20).map { "{\"id\":\($0)}" })
        #expect(deadLetters(fixture).first?.contains("did not answer batch 1 within 2.0s") == true)
    }

    @Test(.timeLimit(.minutes(1))) func aSourceThatKeepsExitingIsRestartedUpToItsLimitThenFailsTheRun() async throws {
        let fixture = ExecFixture()
        try fixture.plugin("quits", kind: "source", output: "{ id: int }", python: """
        with open("starts.txt", "a") as f: f.write("x\\n")
        sys.exit(1)
        """)
        let runner = try fixture.runner("""
        sources:
          quits: { type: quits, restart_backoff: 10ms, max_restarts: 3 }
        sinks:
          out: { type: file, inputs: [quits], path: \(fixture.directory)/out.jsonl }
        """, mode: .continuous)
        await #expect {
            try await runner.run()
        } throws: { error in
            (error as? PipelineError)?.code == .stageFailed && "\(error)".contains("failed 4 times") && "\(error)".contains("max_restarts 3")
        }
        #expect(fixture.lines("plugins/quits/starts.txt").count == 4)
        // Four starts: three restarts, counted for /metrics (retail_edge_stage_restarts_total).
        #expect(runner.metrics.first { $0.stage == "quits" }?.snapshot.restarts == 3)
    }

    /// Sending rows and exiting is not progress: each restart would send the same rows again.
    @Test(.timeLimit(.minutes(1))) func aSourceThatSendsABatchAndExitsStopsAfterItsRestarts() async throws {
        let fixture = ExecFixture()
        try fixture.plugin("once", kind: "source", output: "{ id: int }", python: """
        hello()
        send({"type": "batch", "id": 1, "columns": ["id"], "rows": [[1], [2]]})
        """)
        let runner = try fixture.runner("""
        sources:
          once: { type: once, restart_backoff: 10ms, max_restarts: 2 }
        sinks:
          out: { type: file, inputs: [once], path: \(fixture.directory)/out.jsonl }
        """)
        await #expect {
            try await runner.run()
        } throws: { error in
            (error as? PipelineError)?.code == .stageFailed && "\(error)".contains("failed 3 times")
        }
        #expect(fixture.lines("out.jsonl").count <= 6)
    }

    /// 3 MB without a newline from a child that then waits: reported when it passes the limit,
    /// not when (never) its newline comes.
    @Test(.timeLimit(.minutes(1))) func anEndlessLineIsReportedAtTheLimitNotAtItsEnd() async throws {
        let fixture = ExecFixture()
        try fixture.plugin("flood", kind: "source", output: "{ id: int }", python: """
        hello()
        sys.stdout.write("x" * 3_000_000)
        sys.stdout.flush()
        time.sleep(60)
        """)
        let runner = try fixture.runner("""
        sources:
          flood: { type: flood, restart_backoff: 10ms, max_restarts: 1, max_line_bytes: 1048576 }
        sinks:
          out: { type: file, inputs: [flood], path: \(fixture.directory)/out.jsonl }
        """)
        await #expect {
            try await runner.run()
        } throws: { error in
            (error as? PipelineError)?.code == .stageFailed && "\(error)".contains("max_line_bytes 1048576")
        }
    }

    /// The child exits but leaves a process holding its stdout: no end of file ever comes.
    @Test(.timeLimit(.minutes(1))) func aChildThatExitsLeavingItsOutputOpenIsSeenToHaveExited() async throws {
        let fixture = ExecFixture()
        try fixture.plugin("orphan", kind: "source", output: "{ id: int }", python: """
        import subprocess
        hello()
        subprocess.Popen(["sleep", "60"])
        sys.exit(0)
        """)
        let runner = try fixture.runner("""
        sources:
          orphan: { type: orphan, restart_backoff: 10ms, max_restarts: 1 }
        sinks:
          out: { type: file, inputs: [orphan], path: \(fixture.directory)/out.jsonl }
        """)
        await #expect {
            try await runner.run()
        } throws: { error in
            (error as? PipelineError)?.code == .stageFailed && "\(error)".contains("still holds its output")
        }
    }

    @Test(.timeLimit(.minutes(1))) func aSinkThatExitsAtOnceBuffersAndTheAgentRuns() async throws {
        let fixture = ExecFixture()
        try fixture.plugin("gone", kind: "sink", python: "sys.exit(2)\n")
        try fixture.plugin("ids", kind: "source", output: "{ id: int }", python: """
        hello()
        send({"type": "batch", "id": 1, "columns": ["id"], "rows": [[1], [2]]})
        for m in messages():
            if m["type"] == "shutdown": break
        """)
        let runner = try fixture.runner("""
        sources:
          ids: { type: ids }
        sinks:
          gone: { type: gone, inputs: [ids], restart_backoff: 10ms }
        """, mode: .continuous)
        let run = Task { try await runner.run() }
        try await eventually { runner.failingStages == ["gone"] }
        #expect(runner.runningStages == ["gone", "ids"])
        runner.requestStop()
        try await run.value
        // The batch waits in the disk buffer for the next start.
        #expect(FileManager.default.fileExists(atPath: fixture.directory + "/state/buffers/gone"))
    }
}

/// Waits until `condition` holds, checking every 50 ms; records an issue after 20 s.
func eventually(_ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(20)
    while !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("condition not met within 20s")
            return
        }
        try await Task.sleep(for: .milliseconds(50))
    }
}
