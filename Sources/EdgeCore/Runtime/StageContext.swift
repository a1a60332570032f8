import Logging

/// What a running stage can use: its id, a logger tagged with it, its metrics and its
/// dead-letter output.
public final class StageContext: Sendable {
    public let id: String
    public let type: String
    public let kind: StageKind
    public let logger: Logger
    public let metrics: StageMetrics
    public let deadLetters: DeadLetterWriter
    public let mode: RunMode

    public init(id: String, type: String, kind: StageKind, logger: Logger, metrics: StageMetrics, deadLetters: DeadLetterWriter, mode: RunMode) {
        self.id = id
        self.type = type
        self.kind = kind
        self.logger = logger
        self.metrics = metrics
        self.deadLetters = deadLetters
        self.mode = mode
    }

    /// Records one rejected record with its origin and reason; it never stops the pipeline.
    public func deadLetter(_ fields: [String: any Sendable]) {
        var record = fields
        record["stage"] = id
        deadLetters.write(record)
        metrics.deadLetter()
    }
}
