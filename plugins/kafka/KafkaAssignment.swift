import CRdKafka
import EdgeCore
import Logging

/// A consumer's partitions, shared with librdkafka's rebalance and log callbacks (the rebalance
/// callback runs inside `rd_kafka_consumer_poll`, on the consumer's thread): it asks librdkafka
/// and the sinks what an event needs, lets ``AssignmentState`` decide, and carries out the
/// actions (resume offsets, commits).
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
    private let state: LockedValue<AssignmentState>
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
        state = LockedValue(AssignmentState(restored: restored, fromEarliest: fromEarliest))
        self.recordsWatermarks = recordsWatermarks
        self.log = KafkaLog(logger: logger)
    }

    var assigned: Set<TopicPartition> { state.withLock { $0.assigned } }

    /// Partitions the group is taking away, waiting for ``KafkaConsumer/handOver()``.
    var revoking: Set<TopicPartition> { state.withLock { $0.revoking } }

    func emitted(_ offsets: [TopicPartition: Int64]) {
        state.withLock { $0.emit(offsets) }
    }

    /// Records durable offsets; returns those of assigned partitions (the ones to commit),
    /// never below the group's offsets at assignment.
    func durable(_ offsets: [TopicPartition: Int64]) -> [TopicPartition: Int64] {
        state.withLock { $0.checkpointed(offsets) }
    }

    /// Partitions assigned since the last call: where each resumes (`nil`: the group's reset
    /// policy) and the claim its records carry.
    func takeStarted() -> [TopicPartition: AssignmentState.Start] {
        state.withLock { $0.takeStarted() }
    }

    /// Why the sinks could not be claimed for the last assignment (the source then restarts).
    func takeClaimFailure() -> String? {
        state.withLock { $0.takeClaimFailure() }
    }

    /// Whether a saved checkpoint covers everything emitted from `partitions`.
    func isDurable(_ partitions: Set<TopicPartition>) -> Bool {
        state.withLock { $0.isDurable(partitions) }
    }

    /// From now on revocations are applied at once (`rd_kafka_consumer_close` waits for them).
    func startClosing() {
        state.withLock { $0.startClosing() }
    }

    /// See ``AssignmentState/caughtUp(polled:settle:now:)``.
    func caughtUp(polled: [TopicPartition: Int64]) -> Bool {
        state.withLock { $0.caughtUp(polled: polled, settle: settle) }
    }

    /// How long the consumer has had no partition; `nil` while it has some.
    var withoutPartitions: Duration? { state.withLock { $0.withoutPartitions() } }

    /// The assigned partitions and how many the subscribed topics have (known in `run --once`).
    var share: (assigned: Int, of: Int) { state.withLock { ($0.assigned.count, $0.partitionCount) } }

    /// Partitions were assigned: asks librdkafka for the group's offsets (and in `run --once` the
    /// watermarks), claims the partitions in the sinks, and sets where each resumes.
    func assign(_ handle: OpaquePointer, _ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) {
        let partitions = Self.partitions(list)
        _ = rd_kafka_committed(handle, list, 10_000)
        var partitionCount = 0
        var assigned = partitions.enumerated().map { index, partition in
            let offset = list.pointee.elems[index].offset
            return AssignmentState.Assigned(partition: partition, committed: offset >= 0 ? offset : nil)
        }
        if recordsWatermarks {
            partitionCount = topics.reduce(0) { $0 + Self.partitionCount(handle, topic: $1) }
            for index in assigned.indices {
                var low: Int64 = 0, high: Int64 = 0
                let partition = assigned[index].partition
                if rd_kafka_query_watermark_offsets(handle, partition.topic, partition.partition, &low, &high, 10_000) == RD_KAFKA_RESP_ERR_NO_ERROR {
                    assigned[index].watermarks = (low, high)
                }
            }
        }
        var claimed: ShardClaim?
        var failure: String?
        if !partitions.isEmpty {
            do { claimed = try claim(partitions) } catch { failure = "\(error)" }
        }
        let resumes = state.withLock { $0.assign(assigned, claim: claimed, failure: failure, partitionCount: partitionCount) }
        for (index, resume) in resumes.enumerated() {
            list.pointee.elems[index].offset = resume ?? Int64(RD_KAFKA_OFFSET_INVALID)
        }
        if !partitions.isEmpty { logger.info("partitions assigned", metadata: ["partitions": "\(partitions.map(\.key).sorted())"]) }
    }

    /// The group takes partitions away. Returns true when the revocation is to be applied now
    /// (see ``AssignmentState/revoke(_:immediately:lost:)``), after committing what is durable.
    func revoke(_ handle: OpaquePointer, _ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>, immediately: Bool) -> Bool {
        let partitions = Set(Self.partitions(list))
        let lost = rd_kafka_assignment_lost(handle) != 0
        switch state.withLock({ $0.revoke(partitions, immediately: immediately, lost: lost) }) {
        case .handOverLater: return false
        case .applyNow(let commit):
            self.commit(handle, commit)
            return true
        }
    }

    /// Commits what is durable of the partitions being revoked and forgets them; returns them.
    func handedOver(_ handle: OpaquePointer) -> Set<TopicPartition> {
        let (partitions, commit) = state.withLock { $0.handOver() }
        self.commit(handle, commit)
        return partitions
    }

    private func commit(_ handle: OpaquePointer, _ offsets: [TopicPartition: Int64]) {
        guard !offsets.isEmpty else { return }
        let result = KafkaConsumer.commit(handle, offsets, sync: true)
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
