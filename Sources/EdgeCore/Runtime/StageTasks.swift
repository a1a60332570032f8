import Synchronization

/// The supervised loops of the stages, one per kind: a source runs and is restarted, a
/// transform processes its inputs with retries and takes part in barriers, a sink writes
/// through its ``SinkDriver``. Failures and recoveries go to the ``HealthRecorder``; the
/// restart limit turns a failure into a ``PipelineError``.
final class StageTasks: Sendable {
    let pipeline: BuiltPipeline
    let health: HealthRecorder
    let readiness: SinkReadiness
    /// Sinks handed over already connected by the previous run (reload).
    let openSinks: Set<String>
    /// Sinks whose connection the next run takes over: not closed at the end of this one.
    private let handedOver = LockedValue<Set<String>>([])
    private let running = LockedValue<Set<String>>([])
    private let stopRequested = Atomic<Bool>(false)

    init(pipeline: BuiltPipeline, health: HealthRecorder, readiness: SinkReadiness, openSinks: Set<String>) {
        self.pipeline = pipeline
        self.health = health
        self.readiness = readiness
        self.openSinks = openSinks
    }

    /// Stages still running, sorted.
    var runningStages: [String] { running.withLock { $0.sorted() } }

    /// Marks every stage of the pipeline as running.
    func starting() {
        running.withLock { $0 = Set(pipeline.nodes.map(\.config.id)) }
    }

    /// Records a stop request; false when one was made before.
    func requestStop() -> Bool {
        !stopRequested.exchange(true, ordering: .relaxed)
    }

    var isStopping: Bool { stopRequested.load(ordering: .relaxed) }

    /// Keeps these sinks' connections open when this run ends, for the next run to use.
    func handOver(sinks: Set<String>) {
        handedOver.withLock { $0.formUnion(sinks) }
    }

    func isHandedOver(_ sink: String) -> Bool {
        handedOver.withLock { $0.contains(sink) }
    }

    /// Runs a source until it finishes, restarting it with backoff (a source that made progress
    /// starts counting failures again); then reports its final position and ends its output.
    func runSource(_ source: any SourceStage, node: BuiltPipeline.Node, context: SourceContext, output: OutputPort, coordinator: CheckpointCoordinator) async throws {
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
                stage.metrics.restarted()
            }
        }
        try stage.deadLetters.flush(sync: true)
        await coordinator.sourceFinished(stage.id, position: context.finalPosition ?? [], deadLetterLength: stage.deadLetters.length)
        try await output.send(.end)
        output.finish()
        finished(stage.id)
    }

    /// Restores a transform's state, then processes its inputs (retrying each batch), snapshots
    /// at every aligned barrier and flushes at the end.
    func runTransform(
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
        // A source range belongs to the rows a source read: only a transform that keeps ranges
        // (its output rows cover exactly them) passes them on.
        let keepsRanges = transform.keepsSourceRanges
        func send(_ batches: [RecordBatch]) async throws {
            for var batch in batches {
                if !keepsRanges { batch.provenance?.range = nil }
                try await output.send(.batch(batch))
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
                try await send(outputs)
            case .barrier(let barrier):
                try await send(try await transform.flush(context))
                try context.deadLetters.flush(sync: true)
                await coordinator.transform(context.id, reached: barrier.id, state: try transform.snapshot(), deadLetterLength: context.deadLetters.length)
                try await output.send(.barrier(barrier))
            case .end:
                try await send(try await transform.finish(context))
                try context.deadLetters.flush(sync: true)
                await coordinator.transformFinished(context.id, state: try transform.snapshot(), deadLetterLength: context.deadLetters.length)
                try await output.send(.end)
                output.finish()
            }
        }
        finished(context.id)
    }

    // MARK: supervision

    /// Runs `operation`, retrying failures with backoff up to the stage's limit.
    func retrying<T>(node: BuiltPipeline.Node, stage: StageContext, _ operation: () async throws -> T) async throws -> T {
        var failures = 0
        while true {
            do {
                let result = try await operation()
                if failures > 0 { health.recovered(stage.id) }
                return result
            } catch {
                if Self.isCancellation(error) { throw error }
                failures += 1
                try await backoff(after: error, failures: &failures, node: node, stage: stage)
            }
        }
    }

    func backoff(after error: any Error, failures: inout Int, node: BuiltPipeline.Node, stage: StageContext) async throws {
        stage.metrics.error()
        let policy = node.settings.restart
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

    func finished(_ id: String) {
        running.withLock { _ = $0.remove(id) }
    }

    static func isCancellation(_ error: any Error) -> Bool {
        error is CancellationError || error is ChannelClosedError
    }
}
