import CSVPlugin
import EdgeCore
import EdgeCoreTesting
import Foundation
import Testing

/// A source path that does not exist: a warning from validate, fatal for `run --once`, watched
/// until it appears in a continuous run. And lag that clears when a file is skipped.
@Suite("CSV source: missing paths and lag")
struct CSVMissingPathTests {
    let store = MemorySinkStore()
    var registry: PluginRegistry { CSVSourceTests.registry(store) }

    func yaml(_ path: String) -> String {
        """
        sources:
          in:
            type: csv
            path: \(path)
            columns: { store: string, units: int }
            poll_interval: 50ms
        sinks:
          out: { type: memory, inputs: [in] }
        """
    }

    @Test func validateWarnsAboutAPathThatDoesNotExist() throws {
        let directory = PipelineHarness.temporaryDirectory()
        let runner = try PipelineHarness.runner(yaml: yaml(directory + "/drop/*.csv"), registry: registry, dataDirectory: directory)
        let warning = try #require(runner.pipeline.warnings.first)
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("'\(directory)/drop' (the directory of '\(directory)/drop/*.csv') does not exist: No such file or directory"))
        #expect(warning.location.line == 5)  // the harness puts data_dir on line 1
    }

    @Test func runOnceOnAMissingPathFailsAtOnceNamingIt() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let runner = try PipelineHarness.runner(yaml: yaml(directory + "/missing.csv"), registry: registry, dataDirectory: directory)
        await #expect {
            try await runner.run()
        } throws: { error in
            "\(error)" == "source 'in': '\(directory)/missing.csv' does not exist: No such file or directory; nothing to read"
        }
        #expect(runner.metrics[0].snapshot.retries == 0, "retried instead of failing at once")
    }

    @Test func aContinuousRunWatchesAMissingPathAndReadsItWhenItAppears() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let runner = try PipelineHarness.runner(yaml: yaml(directory + "/drop"), registry: registry, dataDirectory: directory, mode: .continuous)
        let run = Task { try await runner.run() }
        try await Task.sleep(for: .milliseconds(300))
        try FileManager.default.createDirectory(atPath: directory + "/drop", withIntermediateDirectories: true)
        try Data("store,units\nS1,3\nS2,4\n".utf8).write(to: URL(fileURLWithPath: directory + "/drop/a.csv"))
        let deadline = ContinuousClock.now + .seconds(10)
        while store.rows("out").count < 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        runner.requestStop()
        try await run.value
        #expect(store.rows("out").count == 2)
    }

    @Test func lagClearsWhenAFileIsSkipped() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/drop", withIntermediateDirectories: true)
        // A header that does not name the columns: the file is skipped, its bytes are not lag.
        try Data("wrong,header\nS1,3\n".utf8).write(to: URL(fileURLWithPath: directory + "/drop/bad.csv"))
        let runner = try PipelineHarness.runner(yaml: yaml(directory + "/drop"), registry: registry, dataDirectory: directory, mode: .continuous)
        let run = Task { try await runner.run() }
        let lag = { PipelineHealth(runner: runner).stages.first { $0.id == "in" }?.lagBytes ?? -1 }
        let deadline = ContinuousClock.now + .seconds(10)
        while runner.metrics[0].snapshot.deadLettered == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        try await Task.sleep(for: .milliseconds(200))
        #expect(runner.metrics[0].snapshot.deadLettered == 1, "the file was not skipped")
        #expect(runner.metrics[0].snapshot.bytesIn == 0)
        #expect(lag() == 0)
        runner.requestStop()
        try await run.value
    }
}
