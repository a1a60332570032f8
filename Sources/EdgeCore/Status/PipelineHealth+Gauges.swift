import Metrics

extension PipelineHealth {
    /// Sets the gauges read at scrape time from this snapshot: readiness, per stage failing and
    /// queued batches, per sink its disk buffer (bytes and batches), per source its lag.
    func recordGauges() {
        Gauge(label: "retail_edge_ready").record(ready ? 1 : 0)
        for stage in stages {
            let labels = [("stage", stage.id), ("type", stage.type), ("kind", stage.kind.rawValue)]
            Gauge(label: "retail_edge_stage_failing", dimensions: labels).record(stage.failing ? 1 : 0)
            Gauge(label: "retail_edge_queued_batches", dimensions: labels).record(stage.queuedBatches)
            switch stage.kind {
            case .sink:
                Gauge(label: "retail_edge_buffer_bytes", dimensions: labels).record(stage.bufferBytes)
                Gauge(label: "retail_edge_buffer_batches", dimensions: labels).record(stage.bufferBatches)
            case .source:
                Gauge(label: "retail_edge_source_lag_bytes", dimensions: labels).record(stage.lagBytes)
            default:
                break
            }
        }
    }
}
