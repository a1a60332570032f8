/// A stage's output: sends every event to each consumer's channel in turn, so the slowest
/// consumer sets the pace. A consumer of a named output gets only that output's batches (and
/// every barrier and control event).
public struct OutputPort: Sendable {
    /// One consumer's channel and the schema it reads (`nil`: everything).
    public struct Edge: Sendable {
        public let channel: BoundedChannel<StreamEvent>
        public let accepts: Schema?

        public init(channel: BoundedChannel<StreamEvent>, accepts: Schema? = nil) {
            self.channel = channel
            self.accepts = accepts
        }
    }

    public let edges: [Edge]
    let metrics: StageMetrics
    let tap: TapBuffer

    public init(edges: [Edge], metrics: StageMetrics, tap: TapBuffer) {
        self.edges = edges
        self.metrics = metrics
        self.tap = tap
    }

    public func send(_ event: StreamEvent) async throws {
        if case .batch(let batch) = event {
            metrics.recordOut(batch.count)
            tap.keep(batch)
            for edge in edges where edge.accepts == nil || edge.accepts == batch.schema {
                try await edge.channel.send(event)
            }
            return
        }
        for edge in edges { try await edge.channel.send(event) }
    }

    public func finish() {
        for edge in edges { edge.channel.finish() }
    }
}
