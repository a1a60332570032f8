/// A stage that writes records out of the agent. Writes must be idempotent (upserts on natural
/// keys) so that a replay after a crash changes nothing.
public protocol SinkStage: Sendable {
    /// Connects and prepares the destination (creates tables). Retried with backoff on failure.
    func open(_ context: StageContext) async throws
    /// Writes one batch from input number `input`.
    func write(_ batch: RecordBatch, input: Int) async throws
    /// Makes everything written so far durable: called at each checkpoint barrier and at the end.
    func commit() async throws
    /// Releases the connection; called after the last commit and before a retry reopens.
    func close() async
}
