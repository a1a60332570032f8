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
    /// For a sink whose `write` only hands rows over (a producer's queue) and whose `commit`
    /// waits for their delivery: how many rows it may hold undelivered before the runtime commits
    /// early. The runtime keeps those batches until a commit succeeds and re-sends them through
    /// the disk buffer when it fails. `nil` (the default): `write` returns once the rows landed.
    var deliveryWindowRows: Int? { get }
}

extension SinkStage {
    public var deliveryWindowRows: Int? { nil }
}
