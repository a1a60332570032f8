import ArgumentParser
import BuildInfo
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

    @Flag(help: "Reload when the configuration file changes (as on SIGHUP).")
    var watchConfig = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let logger = output.bootstrap()
        let metrics = MetricsExport.bootstrap()
        metrics.recordBuild(version: BuildInfo.version, commit: BuildInfo.commit)
        let built = try ConfigReport.build(config, logger: logger)
        let environment = ProcessInfo.processInfo.environment
        let reloads = once ? nil : ReloadRequests.stream(config: config, watch: watchConfig, logger: logger)
        let path = config
        let notifier = SystemdNotifier(environment: environment)
        let supervisor = PipelineSupervisor(
            initial: built, mode: once ? .once : .continuous,
            compile: { try ConfigReport.compile(path, logger: logger) },
            reloads: reloads, notifier: notifier, logger: logger
        )
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: supervisor, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup),
        ]
        if let listen = built.config.apiListen {
            let api = try StatusAPI.service(
                listen: listen, token: built.config.apiToken, version: BuildInfo.version, supervisor: supervisor, metrics: metrics, logger: logger
            )
            services.append(.init(service: api, successTerminationBehavior: .ignore, failureTerminationBehavior: .gracefullyShutdownGroup))
        }
        if let notifier {
            let heartbeat = SystemdHeartbeat(notifier: notifier, supervisor: supervisor)
            services.append(.init(service: heartbeat, successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore))
        }
        let group = ServiceGroup(configuration: .init(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        let progress = ProgressReporter(metrics: supervisor.runner.metrics, enabled: !output.quiet && isatty(2) == 1)
        let reporting = Task { await progress.run() }
        let started = ContinuousClock.now
        logger.info("pipeline starting", metadata: ["config": "\(config)", "mode": "\(once ? "once" : "continuous")", "stages": "\(built.nodes.count)"])
        do {
            try await group.run()
        } catch {
            reporting.cancel()
            await reporting.value
            logger.error("pipeline failed", metadata: ["error": "\(ErrorText.describe(error))"])
            output.say("retail-edge: failed after \(Summary.seconds(ContinuousClock.now - started)): \(ErrorText.describe(error))")
            // The configuration contradicts the saved state: restarting will not help (EX_CONFIG).
            if (error as? PipelineError)?.code == .incompatibleState { throw ExitStatus.config }
            throw ExitStatus.failure
        }
        reporting.cancel()
        await reporting.value
        output.say(Summary.line(metrics: supervisor.runner.metrics, elapsed: ContinuousClock.now - started, dataDirectory: supervisor.runner.pipeline.config.dataDirectory))
    }
}
