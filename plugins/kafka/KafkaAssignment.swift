import CRdKafka
import EdgeCore
import Logging
import Synchronization

/// A consumer's view of its partitions, shared with librdkafka's rebalance and log callbacks
/// (the rebalance callback runs inside `rd_kafka_consumer_poll`, on the consumer's thread): where
/// to resume each partition, which offsets are durable, what is assigned, and a revocation the
/// source has yet to hand over.
///
/// A revocation is not applied in the callback: the source first makes what it emitted from
/// those partitions durable (a checkpoint), then ``KafkaConsumer/handOver()`` commits and
/// unassigns, so that the next owner starts exactly where this agent's sinks stopped.
///
/// An assignment claims the partitions in the sinks that keep positions (`claim`, which may
/// block the consumer's thread while they answer): each partition resumes at the lowest
/// position those sinks hold, and what this agent reads from it is tagged with the claim, so
/// that sinks skip whatever an earlier owner (or this agent before a restart) still sends.
/// Offsets committed to the group never go below the group's own at assignment.
final class KafkaAssignment: KafkaLogSink {
    private struct State {
        /// Offsets this agent emitted (restored from its checkpoint, then as it goes).
        var emitted: [TopicPartition: Int64]
        /// Offsets covered by a saved checkpoint: the only ones ever committed.
        var durable: [TopicPartition: Int64]
        var assigned: Set<TopicPartition> = []
        /// Partitions the group takes away, not handed over yet.
        var revoking: Set<TopicPartition> = []
        /// Set while the consumer closes: revocations are then applied at once.
        var closing = false
        /// For `run --once`: each partition's first offset to read and its high watermark when
        /// first assigned, how many partitions the subscribed topics have, and when the group
        /// last assigned some.
        var bounds: [TopicPartition: (start: Int64, high: Int64)] = [:]
        var partitionCount = 0
        var lastAssigned = ContinuousClock.now
        /// The group's committed offset of each partition at its assignment: commits never go below.
        var floor: [TopicPartition: Int64] = [:]
        /// Partitions assigned since the source last asked: where each resumes and its claim.
        var started: [TopicPartition: (resume: Int64?, owner: String)] = [:]
        /// Why the last assignment could not be claimed, until the source takes it.
        var claimFailure: String?
    }
    private let state: Mutex<State>
    let fromEarliest: Bool
    let recordsWatermarks: Bool
    /// The subscribed topics.
    let topics: [String]
    /// For `run --once` in a group that gives this agent only some partitions: how long to wait
    /// for it to settle (members that died leave it within a session timeout) before taking
    /// the partial assignment as this agent's share.
    let settle: Duration
    let log: KafkaLog
    var logger: Logger { log.logger }
    /// Claims partitions in the sinks that keep positions; throws when they cannot answer.
    let claim: @Sendable ([TopicPartition]) throws -> ShardClaim

    init(restored: [TopicPartition: Int64], topics: [String], fromEarliest: Bool, recordsWatermarks: Bool, settle: Duration, logger: Logger,
         claim: @escaping @Sendable ([TopicPartition]) throws -> ShardClaim) {
        self.claim = claim
        self.topics = topics
        self.settle = settle
        state = Mutex(State(emitted: restored, durable: restored))
        self.fromEarliest = fromEarliest
        self.recordsWatermarks = recordsWatermarks
        self.log = KafkaLog(logger: logger)
    }

    var assigned: Set<TopicPartition> { state.withLock { $0.assigned } }

    /// Partitions the group is taking away, waiting for ``KafkaConsumer/handOver()``.
    var revoking: Set<TopicPartition> { state.withLock { $0.revoking } }

    func emitted(_ offsets: [TopicPartition: Int64]) {
        state.withLock { $0.emitted.merge(offsets) { max($0, $1) } }
    }

    /// Records durable offsets; returns those of assigned partitions (the ones to commit),
    /// never below the group's offsets at assignment.
    func durable(_ offsets: [TopicPartition: Int64]) -> [TopicPartition: Int64] {
        state.withLock { state in
            state.durable.merge(offsets) { max($0, $1) }
            return Self.committable(state, state.assigned)
        }
    }

    /// The durable offsets of `partitions`, raised to the group's offsets at assignment.
    private static func committable(_ state: State, _ partitions: Set<TopicPartition>) -> [TopicPartition: Int64] {
        var offsets: [TopicPartition: Int64] = [:]
        for (partition, offset) in state.durable where partitions.contains(partition) {
            offsets[partition] = max(offset, state.floor[partition] ?? offset)
        }
        return offsets
    }

    /// Partitions assigned since the last call: where each resumes (`nil`: the group's reset
    /// policy) and the claim its records carry.
    func takeStarted() -> [TopicPartition: (resume: Int64?, owner: String)] {
        state.withLock { state in
            defer { state.started = [:] }
            return state.started
        }
    }

    /// Why the sinks could not be claimed for the last assignment (the source then restarts).
    func takeClaimFailure() -> String? {
        state.withLock { state in
            defer { state.claimFailure = nil }
            return state.claimFailure
        }
    }

    /// Whether a saved checkpoint covers everything emitted from `partitions`.
    func isDurable(_ partitions: Set<TopicPartition>) -> Bool {
        state.withLock { state in
            partitions.allSatisfy { partition in
                guard let emitted = state.emitted[partition] else { return true }
                return (state.durable[partition] ?? -1) >= emitted
            }
        }
    }

    /// From now on revocations are applied at once (`rd_kafka_consumer_close` waits for them).
    func startClosing() {
        state.withLock { $0.closing = true }
    }

    /// Whether every assigned partition has been read up to its high watermark at assignment,
    /// given the next offset polled in each, and the group has either given this agent every
    /// partition or left its assignment alone for `settle`.
    func caughtUp(polled: [TopicPartition: Int64]) -> Bool {
        state.withLock { state in
            !state.assigned.isEmpty && state.assigned.allSatisfy { partition in
                guard let bounds = state.bounds[partition] else { return false }
                return max(polled[partition] ?? bounds.start, bounds.start) >= bounds.high
            } && (state.assigned.count >= state.partitionCount || ContinuousClock.now - state.lastAssigned >= settle)
        }
    }

    /// The assigned partitions and how many the subscribed topics have (known in `run --once`).
    var share: (assigned: Int, of: Int) { state.withLock { ($0.assigned.count, $0.partitionCount) } }

    /// Partitions were assigned: each resumes at the later of the group's committed offset and
    /// this agent's own emitted one (its checkpoint already holds what it emitted).
    func assign(_ handle: OpaquePointer, _ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) {
        let partitions = Self.partitions(list)
        _ = rd_kafka_committed(handle, list, 10_000)
        var watermarks: [TopicPartition: (low: Int64, high: Int64)] = [:]
        var partitionCount = 0
        if recordsWatermarks {
            partitionCount = topics.reduce(0) { $0 + Self.partitionCount(handle, topic: $1) }
            for partition in partitions {
                var low: Int64 = 0, high: Int64 = 0
                if rd_kafka_query_watermark_offsets(handle, partition.topic, partition.partition, &low, &high, 10_000) == RD_KAFKA_RESP_ERR_NO_ERROR {
                    watermarks[partition] = (low, high)
                }
            }
        }
        var claimed: ShardClaim?
        var failure: String?
        if !partitions.isEmpty {
            do { claimed = try claim(partitions) } catch { failure = "\(error)" }
        }
        state.withLock { state in
            state.claimFailure = failure
            for index in 0..<Int(list.pointee.cnt) {
                let element = list.pointee.elems + index
                let partition = partitions[index]
                let committed = element.pointee.offset >= 0 ? element.pointee.offset : nil
                // Where the sinks keeping positions stand, else the later of the group's offset
                // and this agent's own (its checkpoint holds what it emitted).
                let resume = claimed?.positions[partition.key] ?? [committed, state.emitted[partition]].compactMap { $0 }.max()
                element.pointee.offset = resume ?? Int64(RD_KAFKA_OFFSET_INVALID)
                if let resume { state.emitted[partition] = resume }
                state.floor[partition] = committed
                state.started[partition] = (resume, claimed?.owner ?? "")
                if let mark = watermarks[partition], state.bounds[partition] == nil {
                    state.bounds[partition] = (resume ?? (fromEarliest ? mark.low : mark.high), mark.high)
                } else if let resume, let bounds = state.bounds[partition] {
                    // Assigned again (after a rebalance): reading resumes here, maybe at the end.
                    state.bounds[partition] = (max(bounds.start, resume), bounds.high)
                }
                state.assigned.insert(partition)
                state.revoking.remove(partition)
            }
            state.lastAssigned = .now
            if partitionCount > 0 { state.partitionCount = partitionCount }
        }
        if !partitions.isEmpty { logger.info("partitions assigned", metadata: ["partitions": "\(partitions.map(\.key).sorted())"]) }
    }

    /// The group takes partitions away. Returns true when the revocation is to be applied now:
    /// `immediately` (a failed rebalance), the consumer is closing, or the partitions are
    /// already lost (another member may own them), so what is durable is committed if it still
    /// can be. Otherwise it is recorded for the source to hand over.
    func revoke(_ handle: OpaquePointer, _ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>, immediately: Bool) -> Bool {
        let partitions = Set(Self.partitions(list))
        let lost = rd_kafka_assignment_lost(handle) != 0
        let now = state.withLock { state in
            let now = immediately || state.closing || lost
            if now { state.assigned.subtract(partitions) } else { state.revoking.formUnion(partitions) }
            return now
        }
        if now, !lost { commitDurable(handle, partitions) }
        return now
    }

    /// Commits what is durable of the partitions being revoked and forgets them; returns them.
    func handedOver(_ handle: OpaquePointer) -> Set<TopicPartition> {
        let partitions = state.withLock { state in
            defer {
                state.assigned.subtract(state.revoking)
                state.revoking = []
            }
            return state.revoking
        }
        commitDurable(handle, partitions)
        return partitions
    }

    private func commitDurable(_ handle: OpaquePointer, _ partitions: Set<TopicPartition>) {
        let commit = state.withLock { state in Self.committable(state, partitions) }
        guard !commit.isEmpty else { return }
        let result = KafkaConsumer.commit(handle, commit, sync: true)
        if result != RD_KAFKA_RESP_ERR_NO_ERROR, result != RD_KAFKA_RESP_ERR__NO_OFFSET {
            logger.warning("kafka offset commit on revocation failed: the next owner reads again from the last commit",
                           metadata: ["error": "\(KafkaError(code: result))"])
        }
    }

    /// How many partitions `topic` has, from the cluster's metadata (0 if it cannot be told).
    static func partitionCount(_ handle: OpaquePointer, topic name: String) -> Int {
        guard let topic = rd_kafka_topic_new(handle, name, nil) else { return 0 }
        defer { rd_kafka_topic_destroy(topic) }
        var metadata: UnsafePointer<rd_kafka_metadata>?
        guard rd_kafka_metadata(handle, 0, topic, &metadata, 10_000) == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else { return 0 }
        defer { rd_kafka_metadata_destroy(metadata) }
        guard metadata.pointee.topic_cnt > 0 else { return 0 }
        return Int(metadata.pointee.topics[0].partition_cnt)
    }

    static func partitions(_ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> [TopicPartition] {
        (0..<Int(list.pointee.cnt)).map { index in
            let element = list.pointee.elems[index]
            return TopicPartition(topic: String(cString: element.topic), partition: element.partition)
        }
    }
}
