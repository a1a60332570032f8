/// A stage that reads records from outside the agent.
///
/// `run` resumes from `context.restoredPosition`, emits batches with the position reached after
/// each, and returns when the input is exhausted (``RunMode/once``) or when
/// `context.isStopping` turns true. Throwing makes the runtime retry with backoff; the next
/// `run` resumes from the last position emitted.
public protocol SourceStage: Sendable {
    func run(_ context: SourceContext) async throws

    /// Called after a checkpoint holding `position` (the last position this source emitted
    /// before its barrier) has been saved: everything up to it is durable downstream, so a
    /// source that acknowledges input elsewhere (a broker's offsets) may do so now. `final` is
    /// true for the checkpoint saved after the run ended; the source may release its client.
    func checkpointed(position: [UInt8], final: Bool) async
}

extension SourceStage {
    public func checkpointed(position: [UInt8], final: Bool) async {}
}
