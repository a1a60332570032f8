import EdgeCore

/// Where ``MemorySink`` stages keep what they received, shared with the test that reads it.
public final class MemorySinkStore: Sendable {
    private struct State {
        var batches: [String: [RecordBatch]] = [:]
        var commits: [String: Int] = [:]
        var failuresLeft = 0
        var openFailuresLeft = 0
        var opens = 0
    }
    private let state = LockedValue(State())
    /// Delay for each write, to make a slow sink.
    public let writeDelay: Duration

    /// `failures` writes fail before writes succeed; `openFailures` connection attempts fail
    /// before one succeeds (an unreachable destination).
    public init(failures: Int = 0, openFailures: Int = 0, writeDelay: Duration = .zero) {
        self.writeDelay = writeDelay
        state.withLock {
            $0.failuresLeft = failures
            $0.openFailuresLeft = openFailures
        }
    }

    public func batches(_ stage: String) -> [RecordBatch] { state.withLock { $0.batches[stage] ?? [] } }
    public func commits(_ stage: String) -> Int { state.withLock { $0.commits[stage] ?? 0 } }
    public var opens: Int { state.withLock { $0.opens } }

    /// Every row received by `stage`, in order.
    public func rows(_ stage: String) -> [[Value]] {
        batches(stage).flatMap { batch in (0..<batch.count).map { batch.row($0) } }
    }

    func record(_ batch: RecordBatch, stage: String) throws {
        try state.withLock { state in
            if state.failuresLeft > 0 {
                state.failuresLeft -= 1
                throw MemorySinkFailure()
            }
            state.batches[stage, default: []].append(batch)
        }
    }

    func committed(_ stage: String) { state.withLock { $0.commits[stage, default: 0] += 1 } }
    func opened() throws {
        try state.withLock { state in
            if state.openFailuresLeft > 0 {
                state.openFailuresLeft -= 1
                throw MemorySinkFailure()
            }
            state.opens += 1
        }
    }
}

/// The failure a ``MemorySinkStore`` injects.
public struct MemorySinkFailure: Error, Sendable, CustomStringConvertible {
    public var description: String { "injected write failure" }
}
