import ArgumentParser
import EdgeCore
import Foundation
import Logging
import ServiceLifecycle

/// `retail-edge run CONFIG [--once]`: runs the pipeline until stopped, or once over the input
/// available at start.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline: until SIGTERM/SIGINT, or with --once over the input there now, then exit."
    )

    @Argument(help: "The pipeline configuration file.")
    var config: String

    @Flag(help: "Process the input available at start, drain every stage, commit and exit 0.")
    var once = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let logger = output.bootstrap()
        let built = try ConfigReport.build(config, logger: logger)
        let runner = PipelineRunner(pipeline: built, mode: once ? .once : .continuous, logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: runner, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup),
        ]
        if let notifier = SystemdNotifier(environment: ProcessInfo.processInfo.environment, runner: runner, logger: logger) {
            services.append(.init(service: notifier, successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore))
        }
        let group = ServiceGroup(configuration: .init(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        let progress = ProgressReporter(metrics: runner.metrics, enabled: !output.quiet && isatty(2) == 1)
        let reporting = Task { await progress.run() }
        let started = ContinuousClock.now
        logger.info("pipeline starting", metadata: ["config": "\(config)", "mode": "\(once ? "once" : "continuous")", "stages": "\(built.nodes.count)"])
        do {
            try await group.run()
        } catch {
            reporting.cancel()
            await reporting.value
            logger.error("pipeline failed", metadata: ["error": "\(error)"])
            output.say("retail-edge: failed after \(Summary.seconds(ContinuousClock.now - started)): \(error)")
            throw ExitStatus.failure
        }
        reporting.cancel()
        await reporting.value
        output.say(Summary.line(metrics: runner.metrics, elapsed: ContinuousClock.now - started, dataDirectory: built.config.dataDirectory))
    }
}
