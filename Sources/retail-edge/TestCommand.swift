import ArgumentParser
import EdgeCore
import Foundation

/// `retail-edge test CONFIG...`: runs each configuration's `tests:` in process, without
/// starting sources or sinks.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the tests: section of configurations in process (no source or sink is started); exit 0 only when all pass.",
        discussion: "Each test injects rows as a stage's output and compares what the stages downstream emit. Prints one line per test, a diff of expected (-) and got (+) rows for each failure, and 'N passed, N failed'. Exit codes: 0 all passed, 1 a test failed, 78 a configuration (or a test in it) is invalid."
    )

    @Argument(help: "Pipeline configuration files.")
    var configs: [String]

    @OptionGroup var output: OutputOptions

    func run() async throws {
        var logger = output.bootstrap()
        // Stages log their progress at info; a test run shows only what went wrong.
        logger.logLevel = max(logger.logLevel, .notice)
        var passed = 0
        var failed = 0
        var invalid = false
        for path in configs {
            let built: BuiltPipeline
            do {
                built = try ConfigReport.build(path, logger: logger)
            } catch {
                invalid = true
                continue
            }
            guard !built.config.tests.isEmpty else {
                output.say("\(path): no tests")
                continue
            }
            if configs.count > 1 { print("\(path):") }
            for test in built.config.tests {
                // A fresh graph per test: transforms keep state.
                let fresh = try ConfigReport.compile(path, logger: logger)
                var resolver = PipelineTestResolver(schemas: fresh.outputSchemas, stages: fresh.config.stages)
                guard let resolved = resolver.resolve(test) else {
                    ConfigReport.printDiagnostics(resolver.diagnostics)
                    invalid = true
                    continue
                }
                let result = await PipelineTestRunner(pipeline: fresh, logger: logger).run(resolved)
                print(result.report)
                if result.passed { passed += 1 } else { failed += 1 }
            }
        }
        print("\(passed) passed, \(failed) failed")
        if invalid { throw ExitStatus.config }
        if failed > 0 { throw ExitCode.failure }
    }
}
