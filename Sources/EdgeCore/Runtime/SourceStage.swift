/// A stage that reads records from outside the agent.
///
/// `run` resumes from `context.restoredPosition`, emits batches with the position reached after
/// each, and returns when the input is exhausted (``RunMode/once``) or when
/// `context.isStopping` turns true. Throwing makes the runtime retry with backoff; the next
/// `run` resumes from the last position emitted.
public protocol SourceStage: Sendable {
    func run(_ context: SourceContext) async throws
}
