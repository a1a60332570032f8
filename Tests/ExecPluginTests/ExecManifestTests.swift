import EdgeCore
import Foundation
import Testing

/// Manifests are read into registrations, checked like built-in options, and bad ones named.
@Suite("Exec plugins: manifests and validation")
struct ExecManifestTests {
    @Test func manifestOptionsAreCheckedLikeBuiltInOnes() throws {
        let fixture = ExecFixture()
        try fixture.plugin("price_band", kind: "transform",
                           options: "[{ name: edges, type: \"[double]\", default: [5, 20], doc: band boundaries }, { name: label, type: string, required: true, doc: a label }]",
                           output: "{ store_id: string, band: string? }", python: "")
        let (registry, problems) = fixture.loader().registry(pluginsPath: [fixture.pluginsDirectory])
        #expect(problems.isEmpty)
        let registration = try #require(registry.registration(kind: .transform, type: "price_band"))
        #expect(registration.option("edges")?.defaultValue == .list([.double(5), .double(20)]))
        #expect(registration.option("label")?.required == true)
        #expect(registration.option("timeout") != nil)

        let yaml = """
        sources:
          s: { type: file_less }
        transforms:
          bands: { type: price_band, inputs: [s], edges: [1, x] }
        sinks:
          out: { type: file, inputs: [bands], path: /tmp/x }
        """
        let error = #expect(throws: ConfigError.self) { try fixture.runner(yaml) }
        let messages = error?.diagnostics.map(\.message) ?? []
        #expect(messages.contains { $0.contains("option 'edges' must be a number, not 'x'") })
        #expect(messages.contains { $0.contains("price_band transform 'bands' needs option 'label'") })
        #expect(messages.contains { $0.contains("unknown source type 'file_less'") })
    }

    @Test func badManifestsAreReportedWithTheirPlace() throws {
        let fixture = ExecFixture()
        try fixture.plugin("nocols", kind: "source", python: "")
        try fixture.plugin("clash", kind: "sink", options: "[{ name: inputs, type: string, doc: no }]", python: "")
        let (registry, problems) = fixture.loader().registry(pluginsPath: [fixture.pluginsDirectory])
        #expect(registry.all.map(\.type) == ["file"])
        #expect(problems.contains { $0.contains("clash/plugin.yaml:4:") && $0.contains("option 'inputs' is the agent's own") })
        #expect(problems.contains { $0.contains("nocols/plugin.yaml:1:1") && $0.contains("a source needs 'output'") })
    }

    @Test func aPluginDirectoryCanBeNamedDirectlyAndEarlierDirectoriesWin() throws {
        let first = ExecFixture(), second = ExecFixture()
        try first.plugin("same", kind: "sink", python: "")
        try second.plugin("same", kind: "sink", python: "")
        let (registry, problems) = first.loader().registry(pluginsPath: [first.pluginsDirectory + "/same", second.pluginsDirectory])
        #expect(registry.registration(kind: .sink, type: "same")?.summary.contains(URL(fileURLWithPath: first.pluginsDirectory).standardizedFileURL.path) == true)
        #expect(problems.count == 1)
    }
}
