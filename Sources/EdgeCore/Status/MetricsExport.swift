import Metrics
import Prometheus

/// The process's metrics, collected for Prometheus. Bootstrap once, before any pipeline is built,
/// so every stage's counters land in it.
public struct MetricsExport: Sendable {
    let registry: PrometheusCollectorRegistry

    /// Makes swift-metrics record into a Prometheus registry for the rest of the process.
    public static func bootstrap() -> MetricsExport {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(100), .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(50),
            .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5),
        ]
        MetricsSystem.bootstrap(factory)
        return MetricsExport(registry: registry)
    }

    /// The Prometheus text exposition of every metric, each with its `# HELP` line.
    public func render() -> [UInt8] { MetricHelp.annotate(registry.emitToBuffer()) }
}
