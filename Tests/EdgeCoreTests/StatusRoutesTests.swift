import EdgeCoreTesting
import Foundation
import Testing
@testable import EdgeCore

/// A sink that serves one page at `path`, answering with its own name.
struct PageServingSink: SinkStage, StatusRouteProviding {
    let name: String
    let path: String
    var statusRoutes: [StatusRoute] {
        [StatusRoute(path: path, link: "page of \(name)") { query in .html("\(name) \(query["q"] ?? "")") }]
    }
    func open(_ context: StageContext) async throws {}
    func write(_ batch: RecordBatch, input: Int) async throws {}
    func commit() async throws {}
    func close() async {}
}

/// Stages adding read-only routes to the status API: collected from the running pipeline, the
/// first stage keeping a path two offer, linked from the status page.
@Suite struct StatusRoutesTests {
    func pipeline(_ sinks: [(String, String)]) throws -> BuiltPipeline {
        var registry = testRegistry()
        for (index, sink) in sinks.enumerated() {
            registry.register(PluginRegistration(kind: .sink, type: "page\(index)", summary: "", options: []) { _ in
                .sink(PageServingSink(name: sink.0, path: sink.1))
            })
        }
        let yaml = "sources:\n  n: { type: counting }\nsinks:\n" + sinks.indices.map { "  s\($0): { type: page\($0), inputs: [n] }\n" }.joined()
        return try PipelineHarness.runner(yaml: yaml, registry: registry, dataDirectory: "/tmp").pipeline
    }

    @Test func theFirstStageOfferingAPathServesIt() async throws {
        let routes = try pipeline([("first", "/page"), ("second", "/page"), ("third", "/other")]).statusRoutes
        #expect(routes.keys.sorted() == ["/other", "/page"])
        #expect(await routes["/page"]?.respond(["q": "x"]) == .html("first x"))
        #expect(await routes["/other"]?.respond([:]) == .html("third "))
    }

    @Test func aPipelineWithoutProvidersHasNoRoutes() throws {
        let yaml = "sources:\n  n: { type: counting }\nsinks:\n  m: { type: memory, inputs: [n] }\n"
        #expect(try PipelineHarness.runner(yaml: yaml, registry: testRegistry(), dataDirectory: "/tmp").pipeline.statusRoutes.isEmpty)
    }

    @Test func theDeadLetterPageLinksTheStagesPagesToo() {
        let page = DeadLettersPage.html(links: [(path: "/analytics", label: "analytics")])
        #expect(page.contains(#"<a href="/">status</a><a href="/analytics">analytics</a><a href="/dead-letters">"#))
        #expect(!DeadLettersPage.html(links: []).contains("{{links}}"))
    }

    @Test func theStatusPageLinksTheStagesPagesEscaped() {
        let health = PipelineHealth(pipeline: "p.yaml", stages: [], sinksNotStarted: [])
        let page = StatusPage.html(health: health, document: "{}", links: [(path: "/analytics", label: "sales & <forecasts>")])
        #expect(page.contains(#"<a href="/">status</a><a href="/analytics">sales &amp; &lt;forecasts&gt;</a>"#))
        #expect(!StatusPage.html(health: health, document: "{}", links: []).contains("{{links}}"))
    }

    @Test func errorsAreJSONWithTheirStatus() {
        let error = StatusResponse.error(400, #"from "x" is not a date"#)
        #expect(error.status == 400 && error.contentType == "application/json")
        #expect(error.body == #"{"error":"from \"x\" is not a date"}"#)
    }
}
