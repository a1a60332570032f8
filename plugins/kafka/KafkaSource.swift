import EdgeCore
import Synchronization

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
    /// The open consumer (kept after `run` returns, for the final commit) and its stage.
    private let consumer = Mutex<(client: KafkaConsumer, stage: StageContext)?>(nil)

    init(settings: [(String, String)], topics: [String], fromEarliest: Bool, format: KafkaRecordFormat, columns: [ColumnSpec],
         schema: Schema, batchRows: Int, maxWait: Duration) {
        self.settings = settings
        self.topics = topics
        self.fromEarliest = fromEarliest
        self.format = format
        self.columns = columns
        self.schema = schema
        self.batchRows = batchRows
        self.maxWait = maxWait
    }

    func run(_ context: SourceContext) async throws {
        var emitted = try KafkaOffsets.decode(context.restoredPosition)
        let assignment = KafkaAssignment(restored: emitted, fromEarliest: fromEarliest, recordsWatermarks: context.mode == .once)
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
        func emit() async throws {
            var builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: pending.count) }
            var origins = Set<String>()
            for message in pending {
                emitted[message.partition] = max(emitted[message.partition] ?? 0, message.offset + 1)
                origins.insert(message.partition.topic)
                if let reason = format.append(message, columns: columns, to: &builders) {
                    context.stage.deadLetter([
                        "topic": message.partition.topic, "partition": Int(message.partition.partition), "offset": message.offset,
                        "reason": reason, "raw": String(decoding: message.value.prefix(4096), as: UTF8.self),
                    ])
                }
            }
            context.stage.metrics.bytesRead(pending.reduce(0) { $0 + $1.value.count })
            let batch = RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish(reservingCapacity: 0) },
                                    provenance: Provenance(source: context.stage.id, origin: origins.sorted().joined(separator: ",")))
            assignment.emitted(emitted)
            pending.removeAll(keepingCapacity: true)
            oldest = nil
            try await context.emit(batch, position: KafkaOffsets.encode(emitted))
        }
        while !context.isStopping {
            let poll = try await client.poll(max: max(1, batchRows - pending.count), timeout: .milliseconds(100))
            for warning in poll.warnings { context.stage.logger.warning("kafka", metadata: ["error": "\(warning)"]) }
            for message in poll.messages { polled[message.partition] = message.offset + 1 }
            pending += poll.messages
            if !poll.revoked.isEmpty {
                // Not emitted yet: the partitions' new owner reads these again.
                pending.removeAll { poll.revoked.contains($0.partition) }
                for partition in poll.revoked { polled[partition] = nil }
                context.stage.logger.info("partitions revoked", metadata: ["partitions": "\(poll.revoked.map(\.key).sorted())"])
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
            if caughtUp { return }
        }
        if !pending.isEmpty { try await emit() }
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
