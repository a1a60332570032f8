/// A stage that turns input batches into output batches, possibly keeping state.
///
/// State must be restorable from ``snapshot()``: the runtime snapshots it at every checkpoint
/// barrier, right after ``flush(_:)``, and restores it after a restart.
public protocol TransformStage: Sendable {
    /// Processes one batch from input number `input` (the position in `inputs:`).
    mutating func process(_ batch: RecordBatch, input: Int, context: StageContext) async throws -> [RecordBatch]
    /// Emits whatever is pending: called before each checkpoint barrier.
    mutating func flush(_ context: StageContext) async throws -> [RecordBatch]
    /// Emits what is left at the end of the input (`run --once`, shutdown); by default a flush.
    mutating func finish(_ context: StageContext) async throws -> [RecordBatch]
    /// The state to checkpoint, or `nil` for a stateless transform.
    func snapshot() throws -> [UInt8]?
    /// Restores a state produced by ``snapshot()``.
    mutating func restore(_ state: [UInt8]) throws
    /// Whether the batches it emits carry a ``SourceRange`` that covers exactly their rows;
    /// the runtime drops the ranges of other transforms' batches (which pass provenance on).
    var keepsSourceRanges: Bool { get }
}

extension TransformStage {
    public mutating func flush(_ context: StageContext) async throws -> [RecordBatch] { [] }
    public mutating func finish(_ context: StageContext) async throws -> [RecordBatch] { try await flush(context) }
    public func snapshot() throws -> [UInt8]? { nil }
    public mutating func restore(_ state: [UInt8]) throws {}
    public var keepsSourceRanges: Bool { false }
}
