import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// The status API (on loopback unless `api.listen` says otherwise; records then need
/// `api.token`): Prometheus `/metrics`, `/health`, `/ready`, `/api/stages` (JSON),
/// `/api/history` (the last hour, see ``StageHistory``), `/tap/<stage>` (a sample of a stage's
/// output), `/api/dead-letters` (a page of a stage's rejected records, see ``DeadLetterReader``),
/// `/`, a self-contained status page, `/dead-letters`, the dead-letter browser, and the routes
/// of the stages that provide some (``StatusRouteProviding``), linked from the page when they
/// carry a label. Only reads: nothing here changes the agent's state.
public enum StatusAPI {
    /// The HTTP service for `listen` (`host:port`), with the sampler of its history, to run in
    /// the agent's service group. `version` is the agent's, shown on the page.
    public static func service(
        listen: String, token: String? = nil, version: String = "", supervisor: PipelineSupervisor, metrics: MetricsExport,
        history: StageHistory = StageHistory(), logger: Logger
    ) throws -> any Service {
        guard let address = ListenAddress(listen) else {
            throw StatusAPIError(listen: listen)
        }
        _ = ProcessStats.started
        let access = RecordAccess(listen: address, token: token)
        let router = Router()
        let rates = StageRates()

        router.get("/health") { _, _ in
            json(.ok, JSONText.object([("status", JSONText.string("alive"))]))
        }
        // Each request renders one snapshot of the one health model (see PipelineHealth).
        router.get("/ready") { _, _ in
            let health = supervisor.health()
            return json(health.ready ? .ok : .serviceUnavailable, health.readyDocument)
        }
        router.get("/metrics") { _, _ in
            supervisor.health().recordGauges()
            Gauge(label: "retail_edge_process_resident_memory_bytes").record(ProcessStats.residentBytes())
            Gauge(label: "retail_edge_process_uptime_seconds").record(ProcessStats.uptimeSeconds)
            ProcessStats.recordCPU()
            var buffer = ByteBuffer()
            buffer.writeBytes(metrics.render())
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: .init(byteBuffer: buffer))
        }
        /// One snapshot and its `/api/stages` document (the page embeds the same document).
        let stagesDocument = { @Sendable () -> (PipelineHealth, String) in
            let health = supervisor.health()
            let perSecond = rates.rates(Dictionary(health.stages.map { ($0.id, $0.counters) }, uniquingKeysWith: { a, _ in a }))
            let document = health.stagesDocument(
                status: supervisor.statusLine(health), rates: perSecond, uptimeSeconds: Int(ProcessStats.uptimeSeconds), version: version
            )
            return (health, document)
        }
        router.get("/api/history") { _, _ in
            json(.ok, history.document())
        }
        router.get("/api/stages") { _, _ in
            json(.ok, stagesDocument().1)
        }
        router.get("/tap/:stage") { request, context in
            if let refusal = access.refusal(authorization: request.headers[.authorization]) {
                return respond(.error(refusal.status, refusal.reason))
            }
            let stage = context.parameters.get("stage") ?? ""
            let limit = max(1, min(1000, request.uri.queryParameters.get("limit", as: Int.self) ?? 10))
            guard let tap = supervisor.runner.taps[stage] else {
                return respond(.error(404, "no stage '\(stage)'"))
            }
            let lines = tap.sample(limit: limit).map { row in JSONText.object(row.map { ($0.0, JSONText.value($0.1)) }) }
            return respond(StatusResponse(status: 200, contentType: "application/x-ndjson", body: lines.map { $0 + "\n" }.joined()))
        }
        router.get("/api/dead-letters") { request, _ in
            if let refusal = access.refusal(authorization: request.headers[.authorization]) {
                return respond(.error(refusal.status, refusal.reason))
            }
            let pipeline = supervisor.runner.pipeline
            let readers = pipeline.deadLetterReaders
            let query = request.uri.queryParameters
            // Without a stage: the first with letters.
            let asked: String = query.get("stage") ?? ""
            let stage = asked.isEmpty ? ((readers.first { $0.size() > 0 } ?? readers.first)?.stage ?? "") : asked
            let limit = max(1, min(1000, query.get("limit", as: Int.self) ?? 100))
            let search: String = query.get("q") ?? ""
            do throws(DeadLetterError) {
                let page = try pipeline.deadLetterReader(stage: stage)
                    .page(matching: search, limit: limit, before: query.get("before", as: UInt64.self))
                return json(.ok, page.document(stages: readers))
            } catch {
                return respond(.error(error.code == .unknownStage ? 404 : 500, error.message))
            }
        }
        let stageRoutes = supervisor.runner.pipeline.statusRoutes.filter { !reservedPaths.contains($0.key) && !$0.key.hasPrefix("/tap/") }
        for path in stageRoutes.keys.sorted() {
            router.get(RouterPath(path)) { request, _ in
                // The instance running now answers (a reload may have rebuilt the stage).
                guard let route = supervisor.runner.pipeline.statusRoutes[path] else {
                    return respond(.error(404, "no running stage serves \(path)"))
                }
                var query: [String: String] = [:]
                for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
                return respond(await route.respond(query))
            }
        }
        let links = stageRoutes.values.compactMap { route in route.link.map { (path: route.path, label: $0) } }.sorted { $0.path < $1.path }
        router.get("/dead-letters") { _, _ in
            respond(.html(DeadLettersPage.html(links: links)))
        }
        router.get("/") { _, _ in
            let (health, document) = stagesDocument()
            return respond(.html(StatusPage.html(health: health, document: document, links: links)))
        }
        var apiLogger = logger
        apiLogger[metadataKey: "component"] = "api"
        let application = Application(
            router: router, configuration: .init(address: .hostname(address.host, port: address.port), serverName: "retail-edge"), logger: apiLogger
        )
        return StatusService(application: application, history: history, health: { supervisor.health() })
    }

    /// The paths the API serves itself; a stage cannot take them over.
    static let reservedPaths: Set<String> = ["/", "/health", "/ready", "/metrics", "/api/stages", "/api/history", "/api/dead-letters", "/dead-letters"]

    static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        respond(.json(body, status: status.code))
    }

    /// The HTTP response for an answer of the API or of a stage's route.
    static func respond(_ answer: StatusResponse) -> Response {
        var buffer = ByteBuffer()
        buffer.writeString(answer.body)
        return Response(status: HTTPResponse.Status(code: answer.status), headers: [.contentType: answer.contentType], body: .init(byteBuffer: buffer))
    }
}
