import CRdKafka
import EdgeCore

/// A librdkafka consumer in a group, with manual offset commits. Every call into librdkafka
/// (polls, and the rebalance callback they run) happens on the consumer's own thread.
actor KafkaConsumer {
    /// What one poll returned: messages in order, partitions the group is taking away (to be
    /// handed over with `handOver`), and errors the client reported (it keeps retrying brokers
    /// on its own).
    struct Poll: Sendable {
        var messages: [KafkaMessage] = []
        var revoking: Set<TopicPartition> = []
        var warnings: [KafkaError] = []
    }

    nonisolated let executor: DedicatedThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    let assignment: KafkaAssignment
    private var handle: OpaquePointer?
    /// Keeps the rebalance callback's context alive as long as the handle.
    private let opaque: Unmanaged<KafkaAssignment>
    /// Topic names by librdkafka's topic handle, so that a message costs no new String.
    private var topicNames: [OpaquePointer: String] = [:]

    /// Creates the consumer and subscribes; the group assigns partitions during the first polls.
    init(settings: [(String, String)], topics: [String], assignment: KafkaAssignment, name: String) throws(KafkaError) {
        self.executor = DedicatedThreadExecutor(name: "kafka:\(name)")
        self.assignment = assignment
        self.opaque = Unmanaged.passRetained(assignment)
        let conf = try KafkaConfiguration.make(settings)
        rd_kafka_conf_set_opaque(conf, opaque.toOpaque())
        rd_kafka_conf_set_rebalance_cb(conf) { handle, error, partitions, opaque in
            guard let handle, let partitions, let opaque else { return }
            let assignment = Unmanaged<KafkaAssignment>.fromOpaque(opaque).takeUnretainedValue()
            if error == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS {
                assignment.assign(handle, partitions)
                if KafkaConsumer.isCooperative(handle) {
                    rd_kafka_error_destroy(rd_kafka_incremental_assign(handle, partitions))
                } else {
                    rd_kafka_assign(handle, partitions)
                }
            } else if assignment.revoke(handle, partitions, immediately: error != RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
                KafkaConsumer.unassign(handle, partitions)
            }
            // Otherwise the source hands the partitions over (`handOver`) once what it emitted
            // from them is durable; librdkafka holds the rebalance until then.
        }
        var error = [CChar](repeating: 0, count: 512)
        guard let handle = rd_kafka_new(RD_KAFKA_CONSUMER, conf, &error, error.count) else {
            // Every property is set, so `deinit` runs after this throw and releases `opaque`.
            rd_kafka_conf_destroy(conf)
            throw KafkaError.configuration(KafkaConfiguration.text(error))
        }
        rd_kafka_poll_set_consumer(handle)
        let list = rd_kafka_topic_partition_list_new(Int32(topics.count))!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for topic in topics { rd_kafka_topic_partition_list_add(list, topic, RD_KAFKA_PARTITION_UA) }
        let result = rd_kafka_subscribe(handle, list)
        guard result == RD_KAFKA_RESP_ERR_NO_ERROR else {
            rd_kafka_destroy(handle)
            throw KafkaError(code: result)
        }
        self.handle = handle
    }

    /// The source closes the consumer (`close`) before letting it go.
    deinit {
        opaque.release()
        executor.shutdown()
    }

    /// Up to `max` messages, waiting at most `timeout` for the first.
    func poll(max: Int, timeout: Duration) throws(KafkaError) -> Poll {
        guard let handle else { throw KafkaError(code: RD_KAFKA_RESP_ERR__STATE, message: "consumer closed") }
        var result = Poll()
        var wait = KafkaConfiguration.milliseconds(timeout)
        // A revocation stops the poll: nothing more is read until the source hands over.
        while result.messages.count < max, assignment.revoking.isEmpty, let message = rd_kafka_consumer_poll(handle, wait) {
            wait = 0
            defer { rd_kafka_message_destroy(message) }
            let m = message.pointee
            guard m.err == RD_KAFKA_RESP_ERR_NO_ERROR else {
                if m.err == RD_KAFKA_RESP_ERR__PARTITION_EOF { continue }
                var fatal = [CChar](repeating: 0, count: 512)
                let code = rd_kafka_fatal_error(handle, &fatal, fatal.count)
                if code != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(code: code, message: KafkaConfiguration.text(fatal)) }
                result.warnings.append(KafkaError(code: m.err, message: String(cString: rd_kafka_message_errstr(message))))
                continue
            }
            let partition = TopicPartition(topic: topicName(m.rkt), partition: m.partition)
            let value = m.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: m.len)) } ?? []
            let key = m.key.map { Array(UnsafeRawBufferPointer(start: $0, count: m.key_len)) }
            result.messages.append(KafkaMessage(partition: partition, offset: m.offset, key: key, value: value))
        }
        result.revoking = assignment.revoking
        return result
    }

    private func topicName(_ topic: OpaquePointer?) -> String {
        guard let topic else { return "" }
        if let name = topicNames[topic] { return name }
        let name = String(cString: rd_kafka_topic_name(topic))
        topicNames[topic] = name
        return name
    }

    /// Commits the durable offsets of the partitions this consumer owns (`sync` waits for the
    /// broker's answer).
    func commit(durable offsets: [TopicPartition: Int64], sync: Bool) throws(KafkaError) {
        guard let handle else { return }
        let owned = assignment.durable(offsets)
        guard !owned.isEmpty else { return }
        let result = Self.commit(handle, owned, sync: sync)
        guard result == RD_KAFKA_RESP_ERR_NO_ERROR || result == RD_KAFKA_RESP_ERR__NO_OFFSET else { throw KafkaError(code: result) }
    }

    /// Completes a revocation: commits what is durable of the partitions and unassigns them, so
    /// the group can give them to their next owner. Returns the partitions handed over.
    func handOver() -> Set<TopicPartition> {
        guard let handle, !assignment.revoking.isEmpty else { return [] }
        let partitions = assignment.handedOver(handle)
        let list = rd_kafka_topic_partition_list_new(Int32(partitions.count))!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for partition in partitions { rd_kafka_topic_partition_list_add(list, partition.topic, partition.partition) }
        Self.unassign(handle, list)
        return partitions
    }

    /// Leaves the group (committing what is durable for the revoked partitions) and destroys
    /// the client.
    func close() {
        guard let handle else { return }
        assignment.startClosing()
        _ = handOver()
        _ = rd_kafka_consumer_close(handle)
        rd_kafka_destroy(handle)
        self.handle = nil
    }

    /// Whether the group uses incremental (cooperative) rebalancing; false while no protocol is
    /// known (librdkafka answers NULL once the member has left or was fenced out of the group).
    static func isCooperative(_ handle: OpaquePointer) -> Bool {
        guard let name = rd_kafka_rebalance_protocol(handle) else { return false }
        return String(cString: name) == "COOPERATIVE"
    }

    /// Removes `partitions` from the assignment: all of it for an eager protocol, just these for
    /// a cooperative one.
    static func unassign(_ handle: OpaquePointer, _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) {
        if isCooperative(handle) { rd_kafka_error_destroy(rd_kafka_incremental_unassign(handle, partitions)) } else { rd_kafka_assign(handle, nil) }
    }

    static func commit(_ handle: OpaquePointer, _ offsets: [TopicPartition: Int64], sync: Bool) -> rd_kafka_resp_err_t {
        let list = rd_kafka_topic_partition_list_new(Int32(offsets.count))!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for (partition, offset) in offsets {
            rd_kafka_topic_partition_list_add(list, partition.topic, partition.partition).pointee.offset = offset
        }
        return rd_kafka_commit(handle, list, sync ? 0 : 1)
    }
}
