import Logging

/// Runs the aligned-barrier checkpoint protocol: requests barrier N at an interval, collects
/// source positions and transform states as the barrier passes, and once every sink has
/// acknowledged N (made everything before it durable), saves the checkpoint atomically.
public actor CheckpointCoordinator {
    private let store: CheckpointStore
    private let sinks: Set<String>
    private let logger: Logger
    public nonisolated let trigger: BarrierTrigger
    /// Every checkpoint saved while the pipeline runs (not the final one), in order.
    public nonisolated let saved: AsyncStream<Checkpoint>
    private let savedContinuation: AsyncStream<Checkpoint>.Continuation

    /// The last checkpoint saved (or restored).
    public private(set) var committed: Checkpoint
    private var inFlight: Int?
    private var pending = Checkpoint(id: 0)
    private var acks: Set<String> = []
    private var finished = Checkpoint(id: 0)
    private var finishedSinks: Set<String> = []

    public init(store: CheckpointStore, sinks: Set<String>, restored: Checkpoint?, logger: Logger) {
        self.store = store
        self.sinks = sinks
        self.logger = logger
        self.committed = restored ?? Checkpoint(id: 0)
        self.trigger = BarrierTrigger(startingAfter: restored?.id ?? 0)
        (saved, savedContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Requests the next barrier unless one is still in flight. Returns its id.
    @discardableResult
    public func requestBarrier() -> Int? {
        guard inFlight == nil else { return nil }
        let id = max(committed.id, trigger.current) + 1
        inFlight = id
        pending = Checkpoint(id: id)
        acks = []
        trigger.request(id)
        return id
    }

    /// A source emitted barrier `id` after the records up to `position`.
    public func source(_ stage: String, reached id: Int, position: [UInt8], deadLetterLength: UInt64) {
        guard id == inFlight else { return }
        pending.positions[stage] = position
        pending.deadLetterLengths[stage] = deadLetterLength
    }

    /// A transform snapshotted its state as barrier `id` passed.
    public func transform(_ stage: String, reached id: Int, state: [UInt8]?, deadLetterLength: UInt64) {
        guard id == inFlight else { return }
        if let state { pending.states[stage] = state }
        pending.deadLetterLengths[stage] = deadLetterLength
    }

    /// A sink made everything before barrier `id` durable.
    public func sink(_ stage: String, acknowledged id: Int, deadLetterLength: UInt64) throws(CheckpointError) {
        guard id == inFlight else { return }
        pending.deadLetterLengths[stage] = deadLetterLength
        acks.insert(stage)
        try completeIfAcknowledged()
    }

    /// A source finished at `position`; it emits no more barriers.
    public func sourceFinished(_ stage: String, position: [UInt8], deadLetterLength: UInt64) {
        finished.positions[stage] = position
        finished.deadLetterLengths[stage] = deadLetterLength
    }

    /// A transform saw the end of all its inputs with this final state.
    public func transformFinished(_ stage: String, state: [UInt8]?, deadLetterLength: UInt64) {
        if let state { finished.states[stage] = state }
        finished.deadLetterLengths[stage] = deadLetterLength
    }

    /// A sink committed everything and closed.
    public func sinkFinished(_ stage: String, deadLetterLength: UInt64) throws(CheckpointError) {
        finishedSinks.insert(stage)
        finished.deadLetterLengths[stage] = deadLetterLength
        try completeIfAcknowledged()
    }

    /// Saves the final checkpoint after the whole graph drained: every position and state as
    /// the stages finished.
    public func saveFinal() throws(CheckpointError) {
        var final = merged(committed, with: finished)
        final.id = max(committed.id, trigger.current) + 1
        try store.save(final)
        committed = final
        inFlight = nil
        savedContinuation.finish()
        logger.debug("final checkpoint saved", metadata: ["checkpoint": "\(final.id)"])
    }

    private func completeIfAcknowledged() throws(CheckpointError) {
        guard let id = inFlight, sinks.isSubset(of: acks.union(finishedSinks)) else { return }
        // Stages that finished before the barrier contribute their final positions and states.
        var checkpoint = merged(merged(committed, with: finished), with: pending)
        checkpoint.id = id
        try store.save(checkpoint)
        committed = checkpoint
        inFlight = nil
        savedContinuation.yield(checkpoint)
        logger.trace("checkpoint saved", metadata: ["checkpoint": "\(id)"])
    }

    private func merged(_ base: Checkpoint, with newer: Checkpoint) -> Checkpoint {
        var result = base
        result.positions.merge(newer.positions) { _, new in new }
        result.states.merge(newer.states) { _, new in new }
        result.deadLetterLengths.merge(newer.deadLetterLengths) { _, new in new }
        return result
    }
}
