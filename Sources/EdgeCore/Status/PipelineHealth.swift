import Foundation

/// The health of the running pipeline at one moment: the single value every view renders
/// (`/ready`, `/api/stages`, the status page, `top`, systemd's `STATUS=`, `/metrics`), so that they
/// agree. Ready means every sink has started and no stage is failing.
public struct PipelineHealth: Sendable {
    /// One stage: its counters and what is known about its health.
    public struct Stage: Sendable {
        public var id: String
        public var kind: StageKind
        public var type: String
        public var inputs: [String]
        public var counters: StageMetrics.Snapshot
        /// Batches waiting in the stage's input channels.
        public var queuedBatches: Int
        public var failing: Bool
        public var lastError: String?
        public var lastErrorAt: Date?
        /// When the stage last emitted (a sink: wrote) records.
        public var lastSuccessAt: Date?
        public var bufferBytes: Int64
        public var bufferBatches: Int
        /// Bytes a source knows it still has to read.
        public var lagBytes: Int
        /// A sink's disk buffer limit (`buffer_max_bytes`); 0 for other stages.
        public var bufferMaxBytes: Int64

        public init(
            id: String, kind: StageKind, type: String, inputs: [String], counters: StageMetrics.Snapshot, queuedBatches: Int, failing: Bool,
            lastError: String?, lastErrorAt: Date?, lastSuccessAt: Date?, bufferBytes: Int64, bufferBatches: Int, lagBytes: Int,
            bufferMaxBytes: Int64 = 0
        ) {
            self.id = id
            self.kind = kind
            self.type = type
            self.inputs = inputs
            self.counters = counters
            self.queuedBatches = queuedBatches
            self.failing = failing
            self.lastError = lastError
            self.lastErrorAt = lastErrorAt
            self.lastSuccessAt = lastSuccessAt
            self.bufferBytes = bufferBytes
            self.bufferBatches = bufferBatches
            self.lagBytes = lagBytes
            self.bufferMaxBytes = bufferMaxBytes
        }
    }

    /// The configuration file.
    public var pipeline: String
    public var stages: [Stage]
    /// Sinks that have not started yet (opening, or replaying their buffer).
    public var sinksNotStarted: [String]
    public var reloads: Int
    /// Why the last reload was refused, if it was.
    public var reloadProblem: String?
    public var takenAt: Date
    /// The last checkpoint saved (or restored) and when.
    public var lastCheckpoint: (id: Int, at: Date)?

    /// Stages failing and sinks not started, sorted.
    public var failing: [String] {
        Array(Set(stages.filter(\.failing).map(\.id) + sinksNotStarted)).sorted()
    }

    public var ready: Bool { failing.isEmpty }

    /// Bytes in every sink's disk buffer.
    public var bufferBytes: Int64 { stages.reduce(0) { $0 + $1.bufferBytes } }

    /// Bytes sources still have to read.
    public var lagBytes: Int { stages.reduce(0) { $0 + $1.lagBytes } }

    public init(
        pipeline: String, stages: [Stage], sinksNotStarted: [String], reloads: Int = 0, reloadProblem: String? = nil, takenAt: Date = Date(),
        lastCheckpoint: (id: Int, at: Date)? = nil
    ) {
        self.pipeline = pipeline
        self.lastCheckpoint = lastCheckpoint
        self.stages = stages
        self.sinksNotStarted = sinksNotStarted
        self.reloads = reloads
        self.reloadProblem = reloadProblem
        self.takenAt = takenAt
    }

    /// A snapshot of `runner`. A source or transform that failed counts as failing until it
    /// emits again; a sink until its driver reports it healthy (connected, buffer drained).
    public init(runner: PipelineRunner, reloads: Int = 0, reloadProblem: String? = nil) {
        let recorded = runner.health.snapshot()
        let started = runner.startedSinks
        let counters = Dictionary(runner.metrics.map { ($0.stage, $0.snapshot) }, uniquingKeysWith: { a, _ in a })
        let stages = runner.pipeline.nodes.compactMap { node -> Stage? in
            let id = node.config.id
            guard let snapshot = counters[id] else { return nil }
            let health = recorded[id] ?? StageHealth()
            var failing = health.failing
            if failing, node.config.kind != .sink, let errorAt = health.lastErrorAt, let output = snapshot.lastOutputAt, output > errorAt {
                failing = false
            }
            return Stage(
                id: id, kind: node.config.kind, type: node.config.type, inputs: node.config.inputs.map(\.id), counters: snapshot,
                queuedBatches: runner.bufferedBatches(id), failing: failing, lastError: health.lastError, lastErrorAt: health.lastErrorAt,
                lastSuccessAt: snapshot.lastOutputAt, bufferBytes: health.bufferBytes, bufferBatches: health.bufferBatches,
                lagBytes: node.config.kind == .source ? max(0, snapshot.bytesExpected - snapshot.bytesIn) : 0,
                bufferMaxBytes: node.settings.bufferMaxBytes
            )
        }
        let notStarted = runner.pipeline.nodes.filter { $0.config.kind == .sink && !started.contains($0.config.id) }.map(\.config.id)
        self.init(
            pipeline: runner.pipeline.config.file, stages: stages, sinksNotStarted: notStarted, reloads: reloads, reloadProblem: reloadProblem,
            lastCheckpoint: runner.lastCheckpoint
        )
    }
}
