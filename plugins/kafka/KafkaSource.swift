import CRdKafka
import EdgeCore

/// Consumes topics in a consumer group. Messages are emitted in batches with the offsets
/// reached as the position; offsets are committed to the group only once a checkpoint holding
/// them is saved (at-least-once). With `run --once` it reads up to the high watermarks seen when
/// partitions were assigned, then returns.
final class KafkaSource: SourceStage {
    let settings: [(String, String)]
    let topics: [String]
    let fromEarliest: Bool
    let format: KafkaRecordFormat
    let columns: [ColumnSpec]
    let schema: Schema
    let batchRows: Int
    let maxWait: Duration
    let handOverTimeout: Duration
    /// The open consumer (kept after `run` returns, for the final commit) and its stage.
    private let consumer = LockedValue<(client: KafkaConsumer, stage: StageContext)?>(nil)

    init(settings: [(String, String)], topics: [String], fromEarliest: Bool, format: KafkaRecordFormat, columns: [ColumnSpec],
         schema: Schema, batchRows: Int, maxWait: Duration, handOverTimeout: Duration) {
        self.settings = settings
        self.topics = topics
        self.fromEarliest = fromEarliest
        self.format = format
        self.columns = columns
        self.schema = schema
        self.batchRows = batchRows
        self.maxWait = maxWait
        self.handOverTimeout = handOverTimeout
    }

    func run(_ context: SourceContext) async throws {
        var emitted = try KafkaOffsets.decode(context.restoredPosition)
        let assignment = KafkaAssignment(restored: emitted, topics: topics, fromEarliest: fromEarliest, recordsWatermarks: context.mode == .once,
                                         settle: sessionTimeout, logger: context.stage.logger,
                                         claim: { partitions in try ShardClaimer.claim(partitions.map(\.key), in: context, for: .seconds(30)) })
        let client = try KafkaConsumer(settings: settings, topics: topics, assignment: assignment, name: context.stage.id)
        if let previous = consumer.withLock({ current in defer { current = (client, context.stage) }; return current }) { await previous.client.close() }
        do {
            try await consume(client, assignment: assignment, emitted: &emitted, context: context)
        } catch {
            consumer.withLock { $0 = nil }
            await client.close()
            throw error
        }
    }

    private func consume(_ client: KafkaConsumer, assignment: KafkaAssignment, emitted: inout [TopicPartition: Int64], context: SourceContext) async throws {
        var pending: [KafkaMessage] = []
        var polled: [TopicPartition: Int64] = [:]
        var oldest: ContinuousClock.Instant?
        /// The claim each assigned partition's records carry.
        var owners: [TopicPartition: String] = [:]
        // One batch per partition: a batch's rows then cover one range of one partition, which
        // a sink keeping positions applies exactly once.
        func emit() async throws {
            var order: [TopicPartition] = [], messages: [TopicPartition: [KafkaMessage]] = [:]
            for message in pending {
                if messages[message.partition] == nil { order.append(message.partition) }
                messages[message.partition, default: []].append(message)
            }
            pending.removeAll(keepingCapacity: true)
            oldest = nil
            for partition in order {
                let batch = batch(of: messages[partition]!, emitted: &emitted, owner: owners[partition] ?? "", context: context)
                assignment.emitted(emitted)
                try await context.emit(batch, position: KafkaOffsets.encode(emitted))
            }
        }
        while !context.isStopping {
            let poll = try await client.poll(max: max(1, batchRows - pending.count), timeout: .milliseconds(100))
            if let failure = assignment.takeClaimFailure() {
                throw KafkaError(code: RD_KAFKA_RESP_ERR__STATE, message: "could not claim the assigned partitions in the sinks that keep positions: \(failure)")
            }
            for (partition, start) in assignment.takeStarted() {
                // Reading resumes where the claim says: ranges continue from there.
                owners[partition] = start.owner
                emitted[partition] = start.resume
            }
            for warning in poll.warnings { context.stage.logger.warning("kafka", metadata: ["error": "\(warning)"]) }
            for message in poll.messages { polled[message.partition] = message.offset + 1 }
            pending += poll.messages
            if !poll.revoking.isEmpty {
                // Not emitted yet: the partitions' next owner reads these again.
                pending.removeAll { poll.revoking.contains($0.partition) }
                for partition in poll.revoking { polled[partition] = nil }
                if pending.isEmpty { oldest = nil }
                try await handOver(poll.revoking, client, assignment: assignment, emitted: emitted, context: context)
            }
            if !pending.isEmpty, oldest == nil { oldest = .now }
            // Past the high watermarks seen at assignment and nothing more fetched: Tansu
            // under-reports watermarks (the last batch's base offset + 1), so an empty poll is
            // also required before `run --once` stops.
            let caughtUp = context.mode == .once && poll.messages.isEmpty && assignment.caughtUp(polled: polled)
            if pending.count >= batchRows || (oldest.map { ContinuousClock.now - $0 >= maxWait } ?? false) || (caughtUp && !pending.isEmpty) {
                try await emit()
            } else {
                try await context.idle(position: KafkaOffsets.encode(emitted))
            }
            if context.mode == .once, let waited = assignment.withoutPartitions, waited > assignmentTimeout {
                throw KafkaError(code: RD_KAFKA_RESP_ERR__TIMED_OUT, message: """
                    the group assigned this agent no partition in \(assignmentTimeout) (a rebalance may take \
                    max.poll.interval.ms plus a session timeout): another member may hold them all, or the group \
                    cannot complete a rebalance
                    """)
            }
            if caughtUp {
                let share = assignment.share
                if share.assigned < share.of {
                    context.stage.logger.info("read the partitions the group gave this agent", metadata: ["partitions": "\(share.assigned) of \(share.of)"])
                }
                return
            }
        }
        if !pending.isEmpty { try await emit() }
    }

    /// One partition's messages as a batch whose provenance covers their offsets: from the
    /// partition's previous position (or its first message) to after its last.
    private func batch(of messages: [KafkaMessage], emitted: inout [TopicPartition: Int64], owner: String, context: SourceContext) -> RecordBatch {
        let partition = messages[0].partition
        let from = emitted[partition] ?? messages[0].offset
        var builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: messages.count) }
        for message in messages {
            emitted[partition] = max(emitted[partition] ?? 0, message.offset + 1)
            if let reason = format.append(message, columns: columns, to: &builders) {
                context.stage.deadLetter([
                    "topic": message.partition.topic, "partition": Int(message.partition.partition), "offset": message.offset,
                    "reason": reason, "raw": String(decoding: message.value.prefix(4096), as: UTF8.self),
                ])
            }
        }
        context.stage.metrics.bytesRead(messages.reduce(0) { $0 + $1.value.count })
        let to = emitted[partition]!
        let range = SourceRange(source: context.stage.id, shard: partition.key, from: from, to: to, owner: owner)
        return RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish(reservingCapacity: 0) },
                           provenance: Provenance(source: context.stage.id, origin: partition.key, first: messages[0].offset, last: to - 1, range: range))
    }

    /// The group's session timeout (librdkafka's `session.timeout.ms`, 45 s unless set): members
    /// that died are dropped from the group within it.
    var sessionTimeout: Duration {
        milliseconds("session.timeout.ms", default: 45_000)
    }

    /// How long `run --once` waits for the group to assign some partition: the longest a
    /// rebalance may take (librdkafka's `max.poll.interval.ms`, 300 s unless set, is the
    /// rebalance timeout) plus a session timeout for members that died to be dropped.
    var assignmentTimeout: Duration {
        milliseconds("max.poll.interval.ms", default: 300_000) + sessionTimeout
    }

    /// A librdkafka setting in milliseconds (the last one given wins, as in librdkafka).
    private func milliseconds(_ key: String, default value: Int) -> Duration {
        .milliseconds(settings.last { $0.0 == key }.flatMap { Int($0.1) } ?? value)
    }

    /// Lets revoked partitions go once a saved checkpoint covers what was emitted from them, so
    /// that their next owner neither misses nor repeats a message; after `handOverTimeout` they
    /// go anyway (the next owner may then read some of them again).
    private func handOver(_ partitions: Set<TopicPartition>, _ client: KafkaConsumer, assignment: KafkaAssignment,
                          emitted: [TopicPartition: Int64], context: SourceContext) async throws {
        if !assignment.isDurable(partitions) {
            await context.requestCheckpoint()
            let deadline = ContinuousClock.now + handOverTimeout
            while !assignment.isDurable(partitions), !context.isStopping, ContinuousClock.now < deadline {
                try await context.idle(position: KafkaOffsets.encode(emitted))
                try await Task.sleep(for: .milliseconds(5))
            }
            // Stopping: the final checkpoint covers them, and closing the consumer commits it
            // before the partitions go.
            if context.isStopping { return }
            if !assignment.isDurable(partitions) {
                context.stage.logger.warning("handing partitions over before a checkpoint covered them: their next owner may read some messages again",
                                             metadata: ["partitions": "\(partitions.map(\.key).sorted())", "waited": "\(handOverTimeout)"])
            }
        }
        let handed = await client.handOver()
        if !handed.isEmpty { context.stage.logger.info("partitions handed over", metadata: ["partitions": "\(handed.map(\.key).sorted())"]) }
    }

    func checkpointed(position: [UInt8], final: Bool) async {
        guard let (client, stage) = consumer.withLock({ $0 }), let offsets = try? KafkaOffsets.decode(position) else { return }
        do {
            try await client.commit(durable: offsets, sync: final)
        } catch {
            // The next checkpoint commits again; a new owner re-reads at most what this one missed.
            stage.logger.warning("kafka offset commit failed", metadata: ["error": "\(error)"])
        }
        if final {
            consumer.withLock { if $0?.client === client { $0 = nil } }
            await client.close()
        }
    }
}
