import CRdKafka
import Synchronization

/// A consumer's view of its partitions, shared with librdkafka's rebalance callback (which runs
/// inside `rd_kafka_consumer_poll`, on the consumer's thread): where to resume each partition,
/// which offsets are durable, what is assigned, and the partitions revoked since the last poll.
final class KafkaAssignment: Sendable {
    private struct State {
        /// Offsets this agent emitted (restored from its checkpoint, then as it goes).
        var emitted: [TopicPartition: Int64]
        /// Offsets covered by a saved checkpoint: the only ones ever committed.
        var durable: [TopicPartition: Int64]
        var assigned: Set<TopicPartition> = []
        var revoked: Set<TopicPartition> = []
        /// For `run --once`: each partition's first offset to read and its high watermark when
        /// first assigned.
        var bounds: [TopicPartition: (start: Int64, high: Int64)] = [:]
    }
    private let state: Mutex<State>
    let fromEarliest: Bool
    let recordsWatermarks: Bool

    init(restored: [TopicPartition: Int64], fromEarliest: Bool, recordsWatermarks: Bool) {
        state = Mutex(State(emitted: restored, durable: restored))
        self.fromEarliest = fromEarliest
        self.recordsWatermarks = recordsWatermarks
    }

    var assigned: Set<TopicPartition> { state.withLock { $0.assigned } }

    func emitted(_ offsets: [TopicPartition: Int64]) {
        state.withLock { $0.emitted.merge(offsets) { max($0, $1) } }
    }

    /// Records durable offsets; returns those of assigned partitions (the ones to commit).
    func durable(_ offsets: [TopicPartition: Int64]) -> [TopicPartition: Int64] {
        state.withLock { state in
            state.durable.merge(offsets) { max($0, $1) }
            return state.durable.filter { state.assigned.contains($0.key) }
        }
    }

    /// Partitions revoked since the last call.
    func takeRevoked() -> Set<TopicPartition> {
        state.withLock { state in
            defer { state.revoked = [] }
            return state.revoked
        }
    }

    /// Whether every assigned partition has been read up to its high watermark at assignment,
    /// given the next offset polled in each.
    func caughtUp(polled: [TopicPartition: Int64]) -> Bool {
        state.withLock { state in
            !state.assigned.isEmpty && state.assigned.allSatisfy { partition in
                guard let bounds = state.bounds[partition] else { return false }
                return max(polled[partition] ?? bounds.start, bounds.start) >= bounds.high
            }
        }
    }

    /// Partitions were assigned: each resumes at the later of the group's committed offset and
    /// this agent's own emitted one (its checkpoint already holds what it emitted).
    func assign(_ handle: OpaquePointer, _ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) {
        let partitions = Self.partitions(list)
        _ = rd_kafka_committed(handle, list, 10_000)
        var watermarks: [TopicPartition: (low: Int64, high: Int64)] = [:]
        if recordsWatermarks {
            for partition in partitions {
                var low: Int64 = 0, high: Int64 = 0
                if rd_kafka_query_watermark_offsets(handle, partition.topic, partition.partition, &low, &high, 10_000) == RD_KAFKA_RESP_ERR_NO_ERROR {
                    watermarks[partition] = (low, high)
                }
            }
        }
        state.withLock { state in
            for index in 0..<Int(list.pointee.cnt) {
                let element = list.pointee.elems + index
                let partition = partitions[index]
                let committed = element.pointee.offset >= 0 ? element.pointee.offset : nil
                let resume = [committed, state.emitted[partition]].compactMap { $0 }.max()
                element.pointee.offset = resume ?? Int64(RD_KAFKA_OFFSET_INVALID)
                if let mark = watermarks[partition], state.bounds[partition] == nil {
                    state.bounds[partition] = (resume ?? (fromEarliest ? mark.low : mark.high), mark.high)
                }
                state.assigned.insert(partition)
                state.revoked.remove(partition)
            }
        }
    }

    /// Partitions are taken away: commit what is durable for them; what is in flight is dropped
    /// by the source and redelivered to the new owner.
    func revoke(_ handle: OpaquePointer, _ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) {
        let partitions = Set(Self.partitions(list))
        let commit = state.withLock { state in
            state.assigned.subtract(partitions)
            state.revoked.formUnion(partitions)
            return state.durable.filter { partitions.contains($0.key) }
        }
        if !commit.isEmpty { _ = KafkaConsumer.commit(handle, commit, sync: true) }
    }

    static func partitions(_ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> [TopicPartition] {
        (0..<Int(list.pointee.cnt)).map { index in
            let element = list.pointee.elems[index]
            return TopicPartition(topic: String(cString: element.topic), partition: element.partition)
        }
    }
}
