/// How a failing stage operation is retried: exponential backoff with jitter, up to a limit of
/// consecutive failures.
public struct RestartPolicy: Sendable, Hashable {
    public var maxRestarts: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration

    /// `maxRestarts` and `initialBackoff` come from the stage's settings (``StageSettings``).
    public init(maxRestarts: Int, initialBackoff: Duration, maxBackoff: Duration = .seconds(60)) {
        self.maxRestarts = maxRestarts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }

    /// The delay before retry number `attempt` (1-based): `initial · 2^(attempt-1)`, capped,
    /// then jittered uniformly within ±25%.
    public func delay(forAttempt attempt: Int, jitter: Double = Double.random(in: -0.25...0.25)) -> Duration {
        let base = initialBackoff.seconds * pow2(attempt - 1)
        let capped = min(base, maxBackoff.seconds)
        let jittered = max(0, capped * (1 + jitter))
        return .milliseconds(Int64(jittered * 1000))
    }

    private func pow2(_ n: Int) -> Double {
        n <= 0 ? 1 : Double(1 << min(n, 40))
    }
}
