import Logging
import ServiceLifecycle
import Synchronization

/// Runs a built pipeline: one supervised task per stage, bounded channels between them,
/// aligned checkpoint barriers, restarts with backoff, graceful drain on shutdown.
public final class PipelineRunner: Service, Sendable {
    public let pipeline: BuiltPipeline
    public let mode: RunMode
    /// Counters of every flow stage, in graph order.
    public let metrics: [StageMetrics]
    /// The last batch each flow stage emitted, for `tap`.
    public let taps: [String: TapBuffer]
    private let channelsByStage = Mutex<[String: [BoundedChannel<StreamEvent>]]>([:])
    private let logger: Logger
    private let running = Mutex<Set<String>>([])
    private let sourceContexts = Mutex<[SourceContext]>([])
    private let stopRequested = Atomic<Bool>(false)
    private let shutdownSignal = BoundedChannel<Void>(capacity: 1)
    private let readiness = Mutex<Readiness>(Readiness())
    /// Failures, recoveries and disk buffers of the stages; read through ``PipelineHealth``.
    public let health = HealthRecorder()

    /// Sinks opened so far, and who waits for all of them.
    private struct Readiness {
        var openedSinks = Set<String>()
        var ready = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// Sinks handed over already connected by the previous run (reload).
    private let openSinks: Set<String>
    /// Sinks whose connection the next run takes over: not closed at the end of this one.
    private let handedOver = Mutex<Set<String>>([])

    public init(pipeline: BuiltPipeline, mode: RunMode, logger: Logger, openSinks: Set<String> = []) {
        self.pipeline = pipeline
        self.openSinks = openSinks
        self.mode = mode
        self.logger = logger
        self.metrics = pipeline.nodes.map { StageMetrics(stage: $0.config.id, type: $0.config.type, kind: $0.config.kind) }
        self.taps = Dictionary(pipeline.nodes.map { ($0.config.id, TapBuffer()) }, uniquingKeysWith: { a, _ in a })
    }

    /// Stages still running (for shutdown reports and status).
    public var runningStages: [String] { running.withLock { $0.sorted() } }

    /// Returns once every sink has connected and every stage runs (or the run has ended).
    public func waitUntilReady() async {
        await withCheckedContinuation { continuation in
            let resumeNow = readiness.withLock { state in
                if state.ready { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Batches waiting in each stage's input channels (its buffer fill).
    public func bufferedBatches(_ stage: String) -> Int {
        channelsByStage.withLock { $0[stage] ?? [] }.reduce(0) { $0 + $1.bufferedCount }
    }

    /// Sinks that have started (connected, or buffering to disk because they could not).
    public var startedSinks: Set<String> { readiness.withLock { $0.openedSinks } }

    /// Whether every sink has started: the run is up (health may still be failing, see
    /// ``PipelineHealth``).
    public var isReady: Bool { readiness.withLock { $0.ready } }

    /// Stages failing now, as every status view shows them.
    public var failingStages: [String] { PipelineHealth(runner: self).stages.filter(\.failing).map(\.id) }

    /// Records that `sink` connected; once all have, the pipeline is ready and waiters resume.
    private func markReady(sink: String) {
        let waiters: [CheckedContinuation<Void, Never>] = readiness.withLock { state in
            state.openedSinks.insert(sink)
            let sinks = pipeline.nodes.filter { $0.config.kind == .sink }.count
            guard !state.ready, state.openedSinks.count == sinks else { return [] }
            state.ready = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// The run is over: nobody should keep waiting for readiness (which may never have come).
    private func releaseReadinessWaiters() {
        let waiters = readiness.withLock { state in
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Keeps these sinks' connections open when this run ends, for the next run to use.
    public func handOver(sinks: Set<String>) {
        handedOver.withLock { $0.formUnion(sinks) }
    }

    /// Stops the sources; the rest of the graph drains and the run returns.
    public func requestStop() {
        guard !stopRequested.exchange(true, ordering: .relaxed) else { return }
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
        if let restored { logger.info("resuming from checkpoint", metadata: ["checkpoint": "\(restored.id)"]) }
        let sinks = Set(pipeline.nodes.filter { $0.config.kind == .sink }.map(\.config.id))
        let coordinator = CheckpointCoordinator(store: store, sinks: sinks, restored: restored, logger: logger)

        // One channel per edge, keyed by consumer and input position.
        // A consumer of a named output (`stage.port`) gets only the batches of that port's schema.
        var inputChannels: [String: [BoundedChannel<StreamEvent>]] = [:]
        var outputChannels: [String: [OutputPort.Edge]] = [:]
        let portSchemas = Dictionary(pipeline.nodes.flatMap { node -> [(String, Schema)] in
            guard case .transform(_, let main, let ports) = node.stage else { return node.output.map { [(node.config.id, $0)] } ?? [] }
            return [(node.config.id, main)] + ports.map { (node.config.id + "." + $0.key, $0.value) }
        }, uniquingKeysWith: { a, _ in a })
        let hasPorts = Set(pipeline.nodes.compactMap { node -> String? in
            if case .transform(_, _, let ports) = node.stage, !ports.isEmpty { return node.config.id }
            return nil
        })
        for node in pipeline.nodes {
            inputChannels[node.config.id] = node.config.inputs.map { input in
                let channel = BoundedChannel<StreamEvent>(capacity: config.channelCapacity)
                let accepts = hasPorts.contains(input.stage) ? portSchemas[input.id] : nil
                outputChannels[input.stage, default: []].append(OutputPort.Edge(channel: channel, accepts: accepts))
                return channel
            }
        }
        let contexts = try pipeline.nodes.enumerated().map { index, node in
            let id = node.config.id
            let directory = (node.config.options["dead_letter"]).flatMap { if case .string(let s) = $0 { s } else { nil } }
                ?? config.dataDirectory + "/dead_letter"
            let deadLetters = DeadLetterWriter(path: directory + "/" + id + ".jsonl")
            try deadLetters.restore(length: restored?.deadLetterLengths[id] ?? 0)
            var stageLogger = logger
            stageLogger[metadataKey: "stage"] = .string(id)
            return StageContext(id: id, type: node.config.type, kind: node.config.kind, logger: stageLogger, metrics: metrics[index], deadLetters: deadLetters, mode: mode)
        }
        running.withLock { $0 = Set(pipeline.nodes.map(\.config.id)) }
        channelsByStage.withLock { $0 = inputChannels }
        defer { releaseReadinessWaiters() }

        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                var stageTasks = 0
                for (index, node) in pipeline.nodes.enumerated() {
                    let context = contexts[index]
                    let inputs = inputChannels[node.config.id] ?? []
                    let output = OutputPort(edges: outputChannels[node.config.id] ?? [], metrics: context.metrics, tap: taps[node.config.id]!)
                    stageTasks += 1
                    switch node.stage {
                    case .source(let source, _):
                        let sourceContext = SourceContext(
                            stage: context, output: output, coordinator: coordinator,
                            restoredPosition: restored?.positions[node.config.id], lastBarrier: restored?.id ?? 0
                        )
                        sourceContexts.withLock { $0.append(sourceContext) }
                        if stopRequested.load(ordering: .relaxed) { sourceContext.requestStop() }
                        group.addTask {
                            try await self.runSource(source, node: node, context: sourceContext, output: output, coordinator: coordinator)
                        }
                    case .transform(let transform, _, _):
                        group.addTask {
                            try await self.runTransform(transform, node: node, context: context, inputs: inputs, output: output,
                                                        coordinator: coordinator, restoredState: restored?.states[node.config.id])
                        }
                    case .sink(let sink):
                        group.addTask {
                            try await self.runSink(sink, node: node, context: context, inputs: inputs, coordinator: coordinator)
                        }
                    case .model:
                        stageTasks -= 1
                    }
                }
                // Helpers that never finish on their own: the checkpoint timer and the shutdown deadline.
                let helpers = Mutex<[Task<Void, Never>]>([])
                let interval = config.checkpointInterval
                helpers.withLock { $0.append(Task {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: interval)
                        if Task.isCancelled { return }
                        await coordinator.requestBarrier()
                    }
                }) }
                group.addTask { [shutdownSignal, logger] in
                    _ = await shutdownSignal.receive()
                    if Task.isCancelled { return }
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
                helpers.withLock { $0.append(Task {
                    for await checkpoint in coordinator.saved {
                        for (id, source) in sources {
                            if let position = checkpoint.positions[id] { await source.checkpointed(position: position, final: false) }
                        }
                    }
                }) }
                defer { helpers.withLock { $0.forEach { $0.cancel() } } }
                var finished = 0
                do {
                    while finished < stageTasks {
                        try await group.next()
                        finished += 1
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
        for node in pipeline.nodes {
            guard case .source(let source, _) = node.stage, let position = final.positions[node.config.id] else { continue }
            await source.checkpointed(position: position, final: true)
        }
    }

    // MARK: stages

    private func runSource(_ source: any SourceStage, node: BuiltPipeline.Node, context: SourceContext, output: OutputPort, coordinator: CheckpointCoordinator) async throws {
        let stage = context.stage
        var failures = 0
        while true {
            let before = context.restoredPosition
            do {
                try await source.run(context)
                break
            } catch {
                if Self.isCancellation(error) { throw error }
                if let classified = error as? any TransientClassifying, !classified.isTransient {
                    // Retrying cannot help (`run --once` on a path that does not exist).
                    health.failed(stage.id, error: error)
                    stage.logger.error("source failed", metadata: ["error": "\(ErrorText.describe(error))"])
                    throw PipelineError(code: .stageFailed, stages: [stage.id], message: ErrorText.describe(error))
                }
                if context.restoredPosition != before { failures = 0 }
                failures += 1
                try await backoff(after: error, failures: &failures, node: node, stage: stage)
            }
        }
        try stage.deadLetters.flush(sync: true)
        await coordinator.sourceFinished(stage.id, position: context.finalPosition ?? [], deadLetterLength: stage.deadLetters.length)
        try await output.send(.end)
        output.finish()
        finished(stage.id)
    }

    private func runTransform(
        _ transform: any TransformStage, node: BuiltPipeline.Node, context: StageContext, inputs: [BoundedChannel<StreamEvent>],
        output: OutputPort, coordinator: CheckpointCoordinator, restoredState: [UInt8]?
    ) async throws {
        var transform = transform
        if let restoredState {
            do {
                try transform.restore(restoredState)
            } catch {
                throw PipelineError(code: .incompatibleState, stages: [node.config.id], message: "\(node.config.type) transform '\(node.config.id)': \(error)")
            }
        }
        let reader = InputReader(inputs: inputs)
        try await reader.run { event in
            switch event {
            case .batch(let batch, let input):
                context.metrics.recordIn(batch.count)
                let started = ContinuousClock.now
                let outputs = try await retrying(node: node, stage: context) { try await transform.process(batch, input: input, context: context) }
                context.metrics.batchTook(ContinuousClock.now - started)
                for out in outputs { try await output.send(.batch(out)) }
            case .barrier(let barrier):
                for out in try await transform.flush(context) { try await output.send(.batch(out)) }
                try context.deadLetters.flush(sync: true)
                await coordinator.transform(context.id, reached: barrier.id, state: try transform.snapshot(), deadLetterLength: context.deadLetters.length)
                try await output.send(.barrier(barrier))
            case .end:
                for out in try await transform.finish(context) { try await output.send(.batch(out)) }
                try context.deadLetters.flush(sync: true)
                await coordinator.transformFinished(context.id, state: try transform.snapshot(), deadLetterLength: context.deadLetters.length)
                try await output.send(.end)
                output.finish()
            }
        }
        finished(context.id)
    }

    private func runSink(
        _ sink: any SinkStage, node: BuiltPipeline.Node, context: StageContext, inputs: [BoundedChannel<StreamEvent>],
        coordinator: CheckpointCoordinator
    ) async throws {
        let configuredMax: Int64? = node.config.options["buffer_max_bytes"].flatMap { if case .int(let v) = $0 { Int64(v) } else { nil } }
        let maxBytes = configuredMax ?? 256 << 20
        let id = context.id
        let driver = SinkDriver(
            sink: sink, context: context, inputs: node.config.inputs.map(\.id), policy: node.config.restart,
            buffer: DiskBuffer(directory: pipeline.config.dataDirectory + "/buffers/" + id), maxBufferBytes: maxBytes,
            health: health
        )
        try await driver.start(alreadyOpen: openSinks.contains(id))
        markReady(sink: id)
        let reader = InputReader(inputs: inputs)
        let keepOpen = { self.handedOver.withLock { $0.contains(id) } }
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await driver.runDrainer() }
                try await reader.run { event in
                    switch event {
                    case .batch(let batch, let input):
                        context.metrics.recordIn(batch.count)
                        let started = ContinuousClock.now
                        try await driver.write(batch, input: input)
                        context.metrics.batchTook(ContinuousClock.now - started)
                    case .barrier(let barrier):
                        try await retrying(node: node, stage: context) { try await driver.makeDurable() }
                        try context.deadLetters.flush(sync: true)
                        do {
                            try await coordinator.sink(id, acknowledged: barrier.id, deadLetterLength: context.deadLetters.length)
                        } catch {
                            throw PipelineError(code: .checkpoint, stages: [id], message: "\(error)")
                        }
                    case .end:
                        group.cancelAll()
                        if stopRequested.load(ordering: .relaxed), await driver.pendingBytes > 0 {
                            // Stopping with the destination down: the buffer is durable and is
                            // replayed at the next start.
                            try await driver.makeDurable()
                            let pending = await driver.pendingBytes
                            context.logger.warning("stopping with batches in the disk buffer; they are written at the next start",
                                                   metadata: ["bytes": "\(pending)"])
                        } else {
                            try await driver.drainAtEnd()
                        }
                        try context.deadLetters.flush(sync: true)
                    }
                }
                group.cancelAll()
            }
        } catch {
            await driver.close(keepOpen: false)
            throw error
        }
        await driver.close(keepOpen: keepOpen())
        do {
            try await coordinator.sinkFinished(id, deadLetterLength: context.deadLetters.length)
        } catch {
            throw PipelineError(code: .checkpoint, stages: [id], message: "\(error)")
        }
        finished(id)
    }

    // MARK: supervision

    /// Runs `operation`, retrying failures with backoff up to the stage's limit; for sinks the
    /// connection is closed and reopened between attempts.
    private func retrying<T>(
        node: BuiltPipeline.Node, stage: StageContext, reopen sink: (any SinkStage)? = nil,
        _ operation: () async throws -> T
    ) async throws -> T {
        var failures = 0
        var needsReopen = false
        while true {
            do {
                if needsReopen, let sink {
                    try await sink.open(stage)
                    needsReopen = false
                }
                let result = try await operation()
                if failures > 0 { health.recovered(stage.id) }
                return result
            } catch {
                if Self.isCancellation(error) { throw error }
                failures += 1
                if let sink {
                    await sink.close()
                    needsReopen = true
                }
                try await backoff(after: error, failures: &failures, node: node, stage: stage)
            }
        }
    }

    private func backoff(after error: any Error, failures: inout Int, node: BuiltPipeline.Node, stage: StageContext) async throws {
        stage.metrics.error()
        let policy = node.config.restart
        guard failures <= policy.maxRestarts else {
            stage.logger.error("stage failed; restart limit reached", metadata: ["error": "\(ErrorText.describe(error))", "failures": "\(failures)"])
            throw PipelineError(
                code: .stageFailed, stages: [stage.id],
                message: "\(stage.kind) '\(stage.id)' failed \(failures) times in a row: \(error)"
            )
        }
        health.failed(stage.id, error: error)
        let delay = policy.delay(forAttempt: failures)
        stage.logger.warning("stage failed; retrying", metadata: [
            "error": "\(ErrorText.describe(error))", "attempt": "\(failures)", "retry_in_ms": "\(Int(delay.seconds * 1000))",
        ])
        stage.metrics.retry()
        try await Task.sleep(for: delay)
    }

    private func finished(_ id: String) {
        running.withLock { _ = $0.remove(id) }
    }

    private static func isCancellation(_ error: any Error) -> Bool {
        error is CancellationError || error is ChannelClosedError
    }
}
