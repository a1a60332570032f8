import Foundation
import Logging
import ServiceLifecycle

/// Runs a built pipeline: one supervised task per stage (``StageTasks``), bounded channels
/// between them (``ChannelWiring``), aligned checkpoint barriers on a timer, and a graceful
/// drain on shutdown within its deadline; all children of one task group.
public final class PipelineRunner: Service, Sendable {
    public let pipeline: BuiltPipeline
    public let mode: RunMode
    /// Counters of every flow stage, in graph order.
    public let metrics: [StageMetrics]
    /// The last batch each flow stage emitted, for `tap`.
    public let taps: [String: TapBuffer]
    private let channelsByStage = LockedValue<[String: [BoundedChannel<StreamEvent>]]>([:])
    private let logger: Logger
    private let sourceContexts = LockedValue<[SourceContext]>([])
    private let shutdownSignal = BoundedChannel<Void>(capacity: 1)
    private let readiness: SinkReadiness
    private let tasks: StageTasks
    /// Failures, recoveries and disk buffers of the stages; read through ``PipelineHealth``.
    public let health = HealthRecorder()
    /// The id and time of the last checkpoint this run saved (or restored), for the status views.
    public var lastCheckpoint: (id: Int, at: Date)? { checkpointRecord.withLock { $0 } }
    private let checkpointRecord = LockedValue<(id: Int, at: Date)?>(nil)

    /// `openSinks`: sinks handed over already connected by the previous run (reload).
    public init(pipeline: BuiltPipeline, mode: RunMode, logger: Logger, openSinks: Set<String> = []) {
        self.pipeline = pipeline
        self.mode = mode
        self.logger = logger
        self.metrics = pipeline.nodes.map { StageMetrics(stage: $0.config.id, type: $0.config.type, kind: $0.config.kind) }
        self.taps = Dictionary(pipeline.nodes.map { ($0.config.id, TapBuffer()) }, uniquingKeysWith: { a, _ in a })
        self.readiness = SinkReadiness(sinkCount: pipeline.nodes.filter { $0.config.kind == .sink }.count)
        self.tasks = StageTasks(pipeline: pipeline, health: health, readiness: readiness, openSinks: openSinks)
    }

    /// Stages still running (for shutdown reports and status).
    public var runningStages: [String] { tasks.runningStages }

    /// Returns once every sink has connected and every stage runs (or the run has ended).
    public func waitUntilReady() async {
        await readiness.wait()
    }

    /// Batches waiting in each stage's input channels (its buffer fill).
    public func bufferedBatches(_ stage: String) -> Int {
        channelsByStage.withLock { $0[stage] ?? [] }.reduce(0) { $0 + $1.bufferedCount }
    }

    /// Sinks that have started (connected, or buffering to disk because they could not).
    public var startedSinks: Set<String> { readiness.startedSinks }

    /// Whether every sink has started: the run is up (health may still be failing, see
    /// ``PipelineHealth``).
    public var isReady: Bool { readiness.isReady }

    /// Stages failing now, as every status view shows them.
    public var failingStages: [String] { PipelineHealth(runner: self).stages.filter(\.failing).map(\.id) }

    /// Keeps these sinks' connections open when this run ends, for the next run to use.
    public func handOver(sinks: Set<String>) {
        tasks.handOver(sinks: sinks)
    }

    /// The sinks downstream of a source that keep positions, for its claims.
    private func positionKeepers(downstreamOf source: String) -> [any PositionKeepingSink] {
        let sinks = Set(pipeline.sinks(downstreamOf: source))
        return pipeline.nodes.compactMap { node in
            guard sinks.contains(node.config.id), case .sink(let sink) = node.stage else { return nil }
            return sink as? any PositionKeepingSink
        }
    }

    /// Stops the sources; the rest of the graph drains and the run returns.
    public func requestStop() {
        guard tasks.requestStop() else { return }
        logger.info("stopping: sources stop reading, in-flight records drain")
        for context in sourceContexts.withLock({ $0 }) { context.requestStop() }
        shutdownSignal.finish()
    }

    public func run() async throws {
        let config = pipeline.config
        let store = CheckpointStore(directory: config.dataDirectory + "/checkpoints")
        let restored: Checkpoint?
        do {
            restored = try store.load()
        } catch {
            throw PipelineError(code: .checkpoint, stages: [], message: "\(error)")
        }
        if let restored {
            logger.info("resuming from checkpoint", metadata: ["checkpoint": "\(restored.id)"])
            let savedAt = (try? FileManager.default.attributesOfItem(atPath: store.path)[.modificationDate]) as? Date
            checkpointRecord.withLock { $0 = (restored.id, savedAt ?? Date()) }
        }
        let sinks = Set(pipeline.nodes.filter { $0.config.kind == .sink }.map(\.config.id))
        let coordinator = CheckpointCoordinator(store: store, sinks: sinks, restored: restored, logger: logger)

        let wiring = ChannelWiring(pipeline, capacity: config.channelCapacity)
        let contexts = try pipeline.nodes.enumerated().map { index, node in
            let id = node.config.id
            let deadLetters = DeadLetterWriter(path: node.settings.deadLetterPath(stage: id))
            try deadLetters.restore(length: restored?.deadLetterLengths[id] ?? 0)
            var stageLogger = logger
            stageLogger[metadataKey: "stage"] = .string(id)
            return StageContext(id: id, type: node.config.type, kind: node.config.kind, logger: stageLogger, metrics: metrics[index], deadLetters: deadLetters, mode: mode)
        }
        tasks.starting()
        channelsByStage.withLock { $0 = wiring.inputs }
        defer { readiness.releaseWaiters() }

        try await withGracefulShutdownHandler {
            // Children return true for a stage and false for a helper (the checkpoint timer, the
            // shutdown deadline, the fan-out of saved checkpoints), which run until cancelled.
            try await withThrowingTaskGroup(of: Bool.self) { group in
                var stageTasks = 0
                for (index, node) in pipeline.nodes.enumerated() {
                    let context = contexts[index]
                    let inputs = wiring.inputs[node.config.id] ?? []
                    let output = OutputPort(edges: wiring.outputs[node.config.id] ?? [], metrics: context.metrics, tap: taps[node.config.id]!)
                    stageTasks += 1
                    switch node.stage {
                    case .source(let source, _):
                        let sourceContext = SourceContext(
                            stage: context, output: output, coordinator: coordinator,
                            restoredPosition: restored?.positions[node.config.id], lastBarrier: restored?.id ?? 0,
                            keepers: positionKeepers(downstreamOf: node.config.id)
                        )
                        sourceContexts.withLock { $0.append(sourceContext) }
                        if tasks.isStopping { sourceContext.requestStop() }
                        group.addTask {
                            try await self.tasks.runSource(source, node: node, context: sourceContext, output: output, coordinator: coordinator)
                            return true
                        }
                    case .transform(let transform, _, _):
                        group.addTask {
                            try await self.tasks.runTransform(transform, node: node, context: context, inputs: inputs, output: output,
                                                        coordinator: coordinator, restoredState: restored?.states[node.config.id])
                            return true
                        }
                    case .sink(let sink):
                        group.addTask {
                            try await self.tasks.runSink(sink, node: node, context: context, inputs: inputs, coordinator: coordinator)
                            return true
                        }
                    case .model:
                        stageTasks -= 1
                    }
                }
                let interval = config.checkpointInterval
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: interval)
                        if Task.isCancelled { break }
                        await coordinator.requestBarrier()
                    }
                    return false
                }
                group.addTask { [shutdownSignal, logger] in
                    _ = await shutdownSignal.receive()
                    if Task.isCancelled { return false }
                    try await Task.sleep(for: config.shutdownTimeout)
                    let holding = self.runningStages
                    logger.error("shutdown timed out", metadata: ["stages": "\(holding.joined(separator: ","))"])
                    throw PipelineError(
                        code: .shutdownTimedOut, stages: holding,
                        message: "shutdown took longer than \(config.shutdownTimeout.seconds)s; still running: \(holding.joined(separator: ", "))"
                    )
                }
                // Sources learn which of their positions are durable (to acknowledge input elsewhere).
                let sources = pipeline.nodes.compactMap { node -> (String, any SourceStage)? in
                    if case .source(let source, _) = node.stage { (node.config.id, source) } else { nil }
                }
                group.addTask {
                    for await checkpoint in coordinator.saved {
                        self.checkpointRecord.withLock { $0 = (checkpoint.id, Date()) }
                        for (id, source) in sources {
                            if let position = checkpoint.positions[id] { await source.checkpointed(position: position, final: false) }
                        }
                        FreedMemory.release()
                    }
                    return false
                }
                var finished = 0
                do {
                    while finished < stageTasks, let isStage = try await group.next() {
                        if isStage { finished += 1 }
                    }
                } catch {
                    group.cancelAll()
                    throw error
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.requestStop()
        }
        do {
            try await coordinator.saveFinal()
        } catch {
            throw PipelineError(code: .checkpoint, stages: [], message: "\(error)")
        }
        let final = await coordinator.committed
        checkpointRecord.withLock { $0 = (final.id, Date()) }
        for node in pipeline.nodes {
            guard case .source(let source, _) = node.stage, let position = final.positions[node.config.id] else { continue }
            await source.checkpointed(position: position, final: true)
        }
    }
}
