import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Owns the running pipeline across reloads. A reload request re-reads and validates the
/// configuration; a broken or unchanged one changes nothing. A changed one drains the running
/// graph to a checkpoint and starts the new graph from it, so no record is lost or counted
/// twice; only the stages that changed (or whose upstream changed) are rebuilt, the others keep
/// their instances and sinks their connections (``ReloadPlan``). If the new graph fails before it
/// is ready, the previous one is started again (rollback).
public final class PipelineSupervisor: Service, Sendable {
    /// Loads and builds the configuration again (on reload).
    public typealias Compile = @Sendable () throws -> BuiltPipeline

    private let initial: BuiltPipeline
    private let mode: RunMode
    private let compile: Compile
    private let reloads: AsyncStream<Void>?
    private let notifier: SystemdNotifier?
    private let logger: Logger
    private let current: LockedValue<PipelineRunner>
    private let reloadProblem = LockedValue<String?>(nil)
    private let reloadCount = Atomic<Int>(0)
    /// The snapshot the last status line was made from, for its input rate.
    private let lastStatusHealth = LockedValue<PipelineHealth?>(nil)

    public init(initial: BuiltPipeline, mode: RunMode, compile: @escaping Compile, reloads: AsyncStream<Void>?, notifier: SystemdNotifier?, logger: Logger) {
        self.initial = initial
        self.mode = mode
        self.compile = compile
        self.reloads = reloads
        self.notifier = notifier
        self.logger = logger
        self.current = LockedValue(PipelineRunner(pipeline: initial, mode: mode, logger: logger))
    }

    /// The pipeline running now.
    public var runner: PipelineRunner { current.withLock { $0 } }

    /// Reloads that took effect.
    public var reloadsApplied: Int { reloadCount.load(ordering: .relaxed) }

    /// Returns once the current pipeline is ready.
    public func waitUntilReady() async { await runner.waitUntilReady() }

    /// The running pipeline's health now, the one value every status view renders.
    public func health() -> PipelineHealth {
        PipelineHealth(runner: runner, reloads: reloadsApplied, reloadProblem: reloadProblem.withLock { $0 })
    }

    /// The status line of `health` (default: now), with the input rate since the last status line.
    public func statusLine(_ health: PipelineHealth? = nil) -> String {
        let health = health ?? self.health()
        let previous = lastStatusHealth.withLock { last in
            defer { if last == nil || health.takenAt.timeIntervalSince(last!.takenAt) >= 1 { last = health } }
            return last
        }
        return health.statusLine(recordsPerSecond: health.recordsPerSecond(since: previous))
    }

    private enum Outcome: Sendable {
        case finished
        case reload(ReloadPlan)
    }

    public func run() async throws {
        // Reload requests outlive each run: a channel, unlike the stream, survives the
        // cancellation of a listener when a run ends.
        let requests = BoundedChannel<Void>(capacity: 1)
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let reloads {
                group.addTask {
                    for await _ in reloads { try? await requests.send(()) }
                }
            }
            try await superviseRuns(requests: requests)
            group.cancelAll()
        }
    }

    /// Runs the pipeline, then each reloaded (or rolled back) one, until one ends.
    private func superviseRuns(requests: BoundedChannel<Void>) async throws {
        var built = initial
        var previous: BuiltPipeline?
        var openSinks = Set<String>()
        var first = true
        while true {
            let runner = first ? self.runner : PipelineRunner(pipeline: built, mode: mode, logger: logger, openSinks: openSinks)
            openSinks = []
            current.withLock { $0 = runner }
            // The first READY=1 comes from the heartbeat; a reloaded (or rolled back) graph's
            // from its run.
            let announcesReady = !first && notifier != nil
            first = false
            let outcome: Outcome
            do {
                outcome = try await runUntilReloadOrEnd(runner, requests: requests, announcesReady: announcesReady)
            } catch {
                if let fallback = previous, !runner.isReady || Self.failedAtStart(error) {
                    logger.error("the reloaded configuration failed to start; rolling back", metadata: ["error": "\(error)"])
                    reloadProblem.withLock { $0 = "new configuration failed to start: \(error)" }
                    built = fallback
                    previous = nil
                    continue
                }
                throw error
            }
            switch outcome {
            case .finished:
                return
            case .reload(let plan):
                previous = built
                built = plan.pipeline
                openSinks = plan.keptSinks
                reloadCount.add(1, ordering: .relaxed)
                logger.info("configuration reloaded; graph resumes from its checkpoint", metadata: ["plan": "\(plan.summary)"])
            }
        }
    }

    /// Tells systemd (when it listens) about `event`.
    private func notify(_ event: NotifySequence.Event) {
        notifier?.post(event) { statusLine() }
    }

    private static func failedAtStart(_ error: any Error) -> Bool {
        (error as? PipelineError)?.code == .checkpoint
    }

    /// Runs `runner` until it ends or a reload replaces it; tells systemd READY=1 when it is
    /// ready if `announcesReady`.
    private func runUntilReloadOrEnd(_ runner: PipelineRunner, requests: BoundedChannel<Void>, announcesReady: Bool) async throws -> Outcome {
        guard reloads != nil, mode == .continuous else {
            try await runner.run()
            return .finished
        }
        return try await withThrowingTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                try await runner.run()
                return .finished
            }
            if announcesReady {
                group.addTask { [self] in
                    // Returns when the run ends too (ready or not).
                    await runner.waitUntilReady()
                    if runner.isReady { notify(.ready) }
                    return nil
                }
            }
            group.addTask { [self] in
                while await requests.receive() != nil, !Task.isCancelled {
                    if let next = reload() {
                        let plan = ReloadPlan(from: runner.pipeline, to: next)
                        if let problem = refusal(of: plan) {
                            logger.error("reload refused; the running pipeline keeps going", metadata: ["problem": "\(problem)"])
                            reloadProblem.withLock { $0 = problem }
                            notify(.reloadSettled)
                            continue
                        }
                        runner.handOver(sinks: plan.keptSinks)
                        runner.requestStop()
                        return .reload(plan)
                    }
                }
                return nil
            }
            var result: Outcome = .finished
            var runnerDone = false
            while !runnerDone, let outcome = try await group.next() {
                switch outcome {
                case .finished?:
                    runnerDone = true
                case .reload(let next)?:
                    result = .reload(next)
                case nil:
                    continue
                }
            }
            group.cancelAll()
            return result
        }
    }

    /// Why `plan` must not be applied: a rebuilt stage that cannot continue from the last
    /// checkpoint's state.
    private func refusal(of plan: ReloadPlan) -> String? {
        let checkpoint: Checkpoint?
        do {
            checkpoint = try CheckpointStore(directory: plan.pipeline.config.dataDirectory + "/checkpoints").load()
        } catch {
            return "cannot read the checkpoint: \(error)"
        }
        return plan.stateProblems(in: checkpoint).first
    }

    /// Validates the configuration again; `nil` (and a report) when it cannot be used.
    private func reload() -> BuiltPipeline? {
        let monotonic = UInt64(DispatchTime.now().uptimeNanoseconds / 1000)
        notify(.reloading(monotonicMicroseconds: monotonic))
        logger.info("reloading configuration")
        do {
            let next = try compile()
            reloadProblem.withLock { $0 = nil }
            if next.config.isEquivalent(to: runner.pipeline.config) {
                logger.info("configuration unchanged; nothing to reload")
                notify(.reloadSettled)
                return nil
            }
            return next
        } catch {
            let summary: String
            if let configError = error as? ConfigError {
                for diagnostic in configError.diagnostics { logger.error("\(diagnostic)") }
                summary = "\(configError.errors.count) error(s), first: \(configError.errors.first?.description ?? "")"
            } else {
                summary = "\(error)"
            }
            logger.error("reload refused; the running pipeline keeps going", metadata: ["problem": "\(summary)"])
            reloadProblem.withLock { $0 = summary }
            notify(.reloadSettled)
            return nil
        }
    }
}
