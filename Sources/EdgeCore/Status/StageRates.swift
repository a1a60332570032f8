/// Per-stage record rates between two looks at the counters.
final class StageRates: Sendable {
    private let previous = LockedValue<(at: ContinuousClock.Instant, counts: [String: (Int, Int)])?>(nil)

    /// Records per second in and out of each stage since the last call.
    func rates(_ snapshots: [String: StageMetrics.Snapshot]) -> [String: (in: Double, out: Double)] {
        let now = ContinuousClock.now
        let last = previous.withLock { state in
            defer { state = (now, snapshots.mapValues { ($0.recordsIn, $0.recordsOut) }) }
            return state
        }
        guard let last, now > last.at else { return snapshots.mapValues { _ in (0, 0) } }
        let seconds = (now - last.at).seconds
        return snapshots.reduce(into: [:]) { result, entry in
            let before = last.counts[entry.key] ?? (0, 0)
            result[entry.key] = (Double(max(0, entry.value.recordsIn - before.0)) / seconds, Double(max(0, entry.value.recordsOut - before.1)) / seconds)
        }
    }
}
