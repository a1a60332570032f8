/// What travels along an edge of the graph.
public enum StreamEvent: Sendable {
    case batch(RecordBatch)
    case barrier(Barrier)
    /// The producer has finished; nothing follows.
    case end
}
