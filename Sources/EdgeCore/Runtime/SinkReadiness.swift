/// Which sinks have started (connected, or buffering to disk because they could not), and who
/// waits for all of them: the pipeline is ready once every sink has started.
final class SinkReadiness: Sendable {
    private struct State {
        var openedSinks = Set<String>()
        var ready = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let sinkCount: Int
    private let state = LockedValue(State())

    init(sinkCount: Int) {
        self.sinkCount = sinkCount
    }

    var startedSinks: Set<String> { state.withLock { $0.openedSinks } }

    var isReady: Bool { state.withLock { $0.ready } }

    /// Returns once every sink has started, or the run has ended (``releaseWaiters()``).
    func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                if state.ready { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Records that `sink` started; once all have, the waiters resume.
    func started(sink: String) {
        let waiters: [CheckedContinuation<Void, Never>] = state.withLock { state in
            state.openedSinks.insert(sink)
            guard !state.ready, state.openedSinks.count == sinkCount else { return [] }
            state.ready = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// The run is over: nobody should keep waiting for readiness (which may never have come).
    func releaseWaiters() {
        let waiters = state.withLock { state in
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
