import Foundation
import Synchronization

/// What a running source uses to emit records and learn where to resume.
public final class SourceContext: Sendable {
    public let stage: StageContext
    private let output: OutputPort
    private let coordinator: CheckpointCoordinator
    private struct State {
        var position: [UInt8]?
        var lastBarrier: Int
    }
    private let state: LockedValue<State>
    private let stopping = Atomic<Bool>(false)
    /// The sinks downstream that keep positions (``PositionKeepingSink``).
    private let keepers: [any PositionKeepingSink]

    init(stage: StageContext, output: OutputPort, coordinator: CheckpointCoordinator, restoredPosition: [UInt8]?, lastBarrier: Int,
         keepers: [any PositionKeepingSink] = []) {
        self.stage = stage
        self.output = output
        self.coordinator = coordinator
        self.keepers = keepers
        self.state = LockedValue(State(position: restoredPosition, lastBarrier: lastBarrier))
    }

    public var mode: RunMode { stage.mode }

    /// Where to resume: the checkpointed position at start, or the last position emitted when
    /// the runtime restarts a failed `run`.
    public var restoredPosition: [UInt8]? { state.withLock { $0.position } }

    /// True once the agent is shutting down: finish the current batch and return.
    public var isStopping: Bool { stopping.load(ordering: .relaxed) }

    func requestStop() { stopping.store(true, ordering: .relaxed) }

    /// Sends a batch downstream (waiting while consumers are full) and records `position` as
    /// the point reached after it.
    public func emit(_ batch: RecordBatch, position: [UInt8]) async throws {
        if batch.count > 0 { try await output.send(.batch(batch)) }
        state.withLock { $0.position = position }
        try await barrierIfRequested()
    }

    /// Records progress without records (a file finished, nothing new yet) and lets a
    /// requested checkpoint barrier pass. Call it regularly while waiting for input.
    public func idle(position: [UInt8]) async throws {
        state.withLock { $0.position = position }
        try await barrierIfRequested()
    }

    /// This source's position in the last checkpoint saved: every record emitted up to it is
    /// durable in every sink, so the source may acknowledge it to its origin.
    public func committedPosition() async -> [UInt8]? {
        await coordinator.committed.positions[stage.id]
    }

    /// Takes `shards` over in every sink downstream that keeps positions, under a new claim:
    /// ranges read under an earlier claim of these shards (another agent's, or this one's
    /// before a restart) are no longer applied. Returns the claim and, per shard, the lowest
    /// position the sinks hold: where reading must resume for every sink to stay exact. Throws
    /// when a sink cannot answer (not connected yet, destination down).
    public func claim(shards: [String]) async throws -> ShardClaim {
        let owner = UUID().uuidString
        var positions: [String: Int64] = [:]
        for keeper in keepers {
            let held = try await keeper.claim(source: stage.id, shards: shards, owner: owner)
            positions.merge(held) { min($0, $1) }
        }
        return ShardClaim(owner: owner, positions: positions, keepers: keepers.count)
    }

    /// Asks for a checkpoint barrier now (unless one is in flight), for a source that waits
    /// until its records are durable; keep calling ``idle(position:)`` so that it passes.
    public func requestCheckpoint() async {
        await coordinator.requestBarrier()
    }

    private func barrierIfRequested() async throws {
        let requested = coordinator.trigger.current
        let (due, position): (Bool, [UInt8]?) = state.withLock { state in
            guard requested > state.lastBarrier else { return (false, nil) }
            state.lastBarrier = requested
            return (true, state.position)
        }
        guard due else { return }
        try stage.deadLetters.flush(sync: true)
        await coordinator.source(stage.id, reached: requested, position: position ?? [], deadLetterLength: stage.deadLetters.length)
        try await output.send(.barrier(Barrier(id: requested)))
    }

    /// The last position emitted, for the final checkpoint.
    var finalPosition: [UInt8]? { state.withLock { $0.position } }
}
