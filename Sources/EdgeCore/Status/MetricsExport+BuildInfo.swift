import Prometheus

extension MetricsExport {
    /// Exposes `retail_edge_build_info{version,commit} 1`, so a scrape tells which build runs.
    /// EdgeCore knows no build: the executable passes its own version and commit in.
    public func recordBuild(version: String, commit: String) {
        let name = MetricNameDescriptor(
            namespace: "retail_edge", metricName: "build", unitName: "info",
            helpText: "The running agent's version and git commit; always 1."
        )
        registry.makeGauge(descriptor: name, labels: [("version", version), ("commit", commit)]).set(1 as Int64)
    }
}
