import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// The status API on loopback: Prometheus `/metrics`, `/health`, `/ready`, `/api/stages` (JSON),
/// `/tap/<stage>` (a sample of a stage's output) and `/`, a self-contained status page.
public enum StatusAPI {
    /// The HTTP service for `listen` (`host:port`), to run in the agent's service group.
    public static func service(listen: String, supervisor: PipelineSupervisor, metrics: MetricsExport, logger: Logger) throws -> any Service {
        guard let address = ListenAddress(listen) else {
            throw StatusAPIError(listen: listen)
        }
        _ = ProcessStats.started
        let router = Router()
        let rates = StageRates()

        router.get("/health") { _, _ in
            json(.ok, JSONText.object([("status", JSONText.string("alive"))]))
        }
        router.get("/ready") { _, _ in
            let runner = supervisor.runner
            let unhealthy = runner.unhealthyStages
            let ready = runner.isReady && unhealthy.isEmpty
            return json(ready ? .ok : .serviceUnavailable, JSONText.object([
                ("ready", String(ready)),
                ("failing", JSONText.array(unhealthy.map(JSONText.string))),
            ]))
        }
        router.get("/metrics") { _, _ in
            updateGauges(supervisor.runner)
            var buffer = ByteBuffer()
            buffer.writeBytes(metrics.render())
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: .init(byteBuffer: buffer))
        }
        router.get("/api/stages") { _, _ in
            json(.ok, stagesDocument(supervisor, rates: rates))
        }
        router.get("/tap/:stage") { request, context in
            let stage = context.parameters.get("stage") ?? ""
            let limit = max(1, min(1000, request.uri.queryParameters.get("limit", as: Int.self) ?? 10))
            guard let tap = supervisor.runner.taps[stage] else {
                return json(.notFound, JSONText.object([("error", JSONText.string("no stage '\(stage)'"))]))
            }
            let lines = tap.sample(limit: limit).map { row in JSONText.object(row.map { ($0.0, JSONText.value($0.1)) }) }
            var buffer = ByteBuffer()
            buffer.writeString(lines.map { $0 + "\n" }.joined())
            return Response(status: .ok, headers: [.contentType: "application/x-ndjson"], body: .init(byteBuffer: buffer))
        }
        router.get("/") { _, _ in
            var buffer = ByteBuffer()
            buffer.writeString(StatusPage.html)
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: buffer))
        }
        var apiLogger = logger
        apiLogger[metadataKey: "component"] = "api"
        return Application(router: router, configuration: .init(address: .hostname(address.host, port: address.port), serverName: "retail-edge"), logger: apiLogger)
    }

    static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        var buffer = ByteBuffer()
        buffer.writeString(body)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
    }

    /// Gauges that are read at scrape time: buffer fill per stage, process RSS and uptime.
    static func updateGauges(_ runner: PipelineRunner) {
        for node in runner.pipeline.nodes {
            let labels = [("stage", node.config.id), ("type", node.config.type), ("kind", node.config.kind.rawValue)]
            Gauge(label: "retail_edge_buffer_batches", dimensions: labels).record(runner.bufferedBatches(node.config.id))
            Gauge(label: "retail_edge_stage_failing", dimensions: labels).record(runner.failingStages.contains(node.config.id) ? 1 : 0)
            if node.config.kind == .source {
                let s = runner.metrics.first { $0.stage == node.config.id }?.snapshot
                Gauge(label: "retail_edge_source_lag_bytes", dimensions: labels).record(max(0, (s?.bytesExpected ?? 0) - (s?.bytesIn ?? 0)))
            }
        }
        Gauge(label: "retail_edge_process_resident_memory_bytes").record(ProcessStats.residentBytes())
        Gauge(label: "retail_edge_process_uptime_seconds").record(ProcessStats.uptimeSeconds)
    }

    /// Every stage with its counters and rates, as served at `/api/stages`.
    static func stagesDocument(_ supervisor: PipelineSupervisor, rates: StageRates) -> String {
        let runner = supervisor.runner
        let snapshots = Dictionary(runner.metrics.map { ($0.stage, $0.snapshot) }, uniquingKeysWith: { a, _ in a })
        let perSecond = rates.rates(snapshots)
        let failing = Set(runner.failingStages)
        let stages = runner.pipeline.nodes.map { node -> String in
            let id = node.config.id
            let s = snapshots[id]!
            return JSONText.object([
                ("id", JSONText.string(id)),
                ("kind", JSONText.string(node.config.kind.rawValue)),
                ("type", JSONText.string(node.config.type)),
                ("inputs", JSONText.array(node.config.inputs.map { JSONText.string($0.id) })),
                ("records_in", String(s.recordsIn)),
                ("records_out", String(s.recordsOut)),
                ("errors", String(s.errors)),
                ("dead_lettered", String(s.deadLettered)),
                ("retries", String(s.retries)),
                ("buffered", String(runner.bufferedBatches(id))),
                ("rate_in", String(Int(perSecond[id]?.in ?? 0))),
                ("rate_out", String(Int(perSecond[id]?.out ?? 0))),
                ("failing", String(failing.contains(id))),
            ])
        }
        return JSONText.object([
            ("pipeline", JSONText.string(runner.pipeline.config.file)),
            ("ready", String(runner.isReady)),
            ("status", JSONText.string(supervisor.statusLine())),
            ("uptime_seconds", String(Int(ProcessStats.uptimeSeconds))),
            ("reloads", String(supervisor.reloadsApplied)),
            ("stages", JSONText.array(stages)),
        ])
    }
}
