import Metrics

extension PipelineHealth {
    /// Sets the gauges read at scrape time from this snapshot: readiness, when the last
    /// checkpoint was saved, per stage failing and queued batches, per sink its disk buffer
    /// (bytes, batches and limit), per source its lag.
    func recordGauges() {
        Gauge(label: "retail_edge_ready").record(ready ? 1 : 0)
        if let lastCheckpoint {
            Gauge(label: "retail_edge_last_checkpoint_timestamp_seconds").record(lastCheckpoint.at.timeIntervalSince1970)
        }
        for stage in stages {
            let labels = [("stage", stage.id), ("type", stage.type), ("kind", stage.kind.rawValue)]
            Gauge(label: "retail_edge_stage_failing", dimensions: labels).record(stage.failing ? 1 : 0)
            Gauge(label: "retail_edge_queued_batches", dimensions: labels).record(stage.queuedBatches)
            switch stage.kind {
            case .sink:
                Gauge(label: "retail_edge_buffer_bytes", dimensions: labels).record(stage.bufferBytes)
                Gauge(label: "retail_edge_buffer_batches", dimensions: labels).record(stage.bufferBatches)
                Gauge(label: "retail_edge_buffer_max_bytes", dimensions: labels).record(stage.bufferMaxBytes)
            case .source:
                Gauge(label: "retail_edge_source_lag_bytes", dimensions: labels).record(stage.lagBytes)
            default:
                break
            }
        }
    }
}
