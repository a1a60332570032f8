import Foundation

/// What the runtime knows about one stage's health: whether it is failing, its last error
/// (redacted, see ``ErrorText``) and what its disk buffer holds. Kept by ``HealthRecorder``.
public struct StageHealth: Sendable, Hashable {
    /// The last operation failed and the stage is retrying (or, for a sink, buffering to disk).
    public var failing = false
    public var lastError: String?
    public var lastErrorAt: Date?
    /// Bytes and batches waiting in the stage's disk buffer (sinks only).
    public var bufferBytes: Int64 = 0
    public var bufferBatches = 0

    public init() {}
}
