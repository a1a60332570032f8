import EdgeCore

/// Where ``MemorySink`` stages keep what they received, shared with the test that reads it.
public final class MemorySinkStore: Sendable {
    private struct State {
        var batches: [String: [RecordBatch]] = [:]
        /// Written, not yet delivered (a sink that delivers at commit).
        var pending: [String: [RecordBatch]] = [:]
        var commits: [String: Int] = [:]
        var failuresLeft = 0
        var commitFailuresLeft = 0
        var openFailuresLeft = 0
        var opens = 0
    }
    private let state = LockedValue(State())
    /// Delay for each write, to make a slow sink.
    public let writeDelay: Duration
    /// Set for a sink that delivers at commit, as a producer does: writes wait in a queue, a
    /// commit delivers them, a failed commit loses them (a purged queue).
    public let deliveryWindowRows: Int?

    /// `failures` writes fail before writes succeed; `openFailures` connection attempts fail
    /// before one succeeds (an unreachable destination); `commitFailures` commits fail (with
    /// `deliveryWindowRows`, losing what was queued).
    public init(failures: Int = 0, openFailures: Int = 0, commitFailures: Int = 0, writeDelay: Duration = .zero, deliveryWindowRows: Int? = nil) {
        self.writeDelay = writeDelay
        self.deliveryWindowRows = deliveryWindowRows
        state.withLock {
            $0.failuresLeft = failures
            $0.openFailuresLeft = openFailures
            $0.commitFailuresLeft = commitFailures
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
            if deliveryWindowRows == nil {
                state.batches[stage, default: []].append(batch)
            } else {
                state.pending[stage, default: []].append(batch)
            }
        }
    }

    func committed(_ stage: String) throws {
        try state.withLock { state in
            let queued = state.pending.removeValue(forKey: stage) ?? []
            if state.commitFailuresLeft > 0 {
                state.commitFailuresLeft -= 1
                throw MemorySinkFailure()
            }
            state.batches[stage, default: []] += queued
            state.commits[stage, default: 0] += 1
        }
    }
    func opened() throws {
        try state.withLock { state in
            if state.openFailuresLeft > 0 {
                state.openFailuresLeft -= 1
                throw MemorySinkFailure()
            }
            state.opens += 1
            // A new connection starts with an empty queue, as a new producer does.
            state.pending.removeAll()
        }
    }
}

/// The failure a ``MemorySinkStore`` injects.
public struct MemorySinkFailure: Error, Sendable, CustomStringConvertible {
    public var description: String { "injected write failure" }
}
