/// A stage's output: sends every event to each consumer's channel in turn, so the slowest
/// consumer sets the pace.
public struct OutputPort: Sendable {
    public let channels: [BoundedChannel<StreamEvent>]
    let metrics: StageMetrics
    let tap: TapBuffer

    public init(channels: [BoundedChannel<StreamEvent>], metrics: StageMetrics, tap: TapBuffer) {
        self.channels = channels
        self.metrics = metrics
        self.tap = tap
    }

    public func send(_ event: StreamEvent) async throws {
        if case .batch(let batch) = event {
            metrics.recordOut(batch.count)
            tap.keep(batch)
        }
        for channel in channels { try await channel.send(event) }
    }

    public func finish() {
        for channel in channels { channel.finish() }
    }
}
