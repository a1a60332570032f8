import Dispatch
import EdgeCore

/// Claims partitions from librdkafka's rebalance callback, which runs on the consumer's own
/// thread and cannot await: the claim runs as a task while that thread waits. A sink that is
/// not connected yet is asked again until `patience` runs out.
enum ShardClaimer {
    /// Why the sinks did not answer.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Where the task leaves its outcome for the waiting thread.
    private final class Outcome: Sendable {
        let value = LockedValue<Result<ShardClaim, Failure>?>(nil)
    }

    static func claim(_ shards: [String], in context: SourceContext, for patience: Duration) throws -> ShardClaim {
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            let deadline = ContinuousClock.now + patience
            var result: Result<ShardClaim, Failure>
            while true {
                do {
                    result = .success(try await context.claim(shards: shards))
                    break
                } catch {
                    result = .failure(Failure(description: ErrorText.describe(error)))
                    if ContinuousClock.now >= deadline || context.isStopping { break }
                    try? await Task.sleep(for: .milliseconds(250))
                }
            }
            outcome.value.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return try outcome.value.withLock { $0! }.get()
    }
}
