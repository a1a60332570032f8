import Foundation

/// The one place the runtime reports stage health to: failures and recoveries from the
/// supervisor's retries and the sink driver, and what each sink's disk buffer holds. Every view
/// (`/ready`, `/api/stages`, the page, `top`, `STATUS=`, `/metrics`) reads it through a
/// ``PipelineHealth`` snapshot, so they cannot disagree.
public final class HealthRecorder: Sendable {
    private let stages = LockedValue<[String: StageHealth]>([:])

    public init() {}

    /// The stage's last operation failed with `error`; it is failing until ``recovered(_:)``.
    public func failed(_ stage: String, error: any Error, at time: Date = Date()) {
        let text = ErrorText.describe(error)
        stages.withLock { all in
            all[stage, default: StageHealth()].failing = true
            all[stage, default: StageHealth()].lastError = text
            all[stage, default: StageHealth()].lastErrorAt = time
        }
    }

    /// The stage works again (its last error stays on record).
    public func recovered(_ stage: String) {
        stages.withLock { $0[stage, default: StageHealth()].failing = false }
    }

    /// What the stage's disk buffer holds now.
    public func buffered(_ stage: String, bytes: Int64, batches: Int) {
        stages.withLock { all in
            all[stage, default: StageHealth()].bufferBytes = bytes
            all[stage, default: StageHealth()].bufferBatches = batches
        }
    }

    /// Every stage's health at this moment (stages never reported are healthy and absent).
    public func snapshot() -> [String: StageHealth] {
        stages.withLock { $0 }
    }
}
