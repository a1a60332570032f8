import EdgeCore
import RetailWarehouse

/// Registers the `kafka` source and the `kafka` sink (librdkafka).
public enum KafkaPlugin {
    public static let registrations = [source, sink]

    static let commonOptions = [
        OptionSpec("brokers", .list(.string), required: true, doc: "Bootstrap brokers, host:port (librdkafka's bootstrap.servers)."),
        OptionSpec("options", .map(.string), secret: true, doc: "librdkafka properties passed through (security.protocol, sasl.username, sasl.password, ssl.*, compression.type, partition.assignment.strategy, …); take secrets from ${VAR} or ${credential:NAME}. They override the stage's own settings."),
    ]

    static let source = PluginRegistration(
        kind: .source, type: "kafka",
        summary: "Kafka topics through librdkafka: a consumer group, offsets committed only once a checkpoint holds them (at-least-once)",
        options: commonOptions + [
            OptionSpec("topics", .list(.string), required: true, doc: "Topics to subscribe to."),
            OptionSpec("group", .string, required: true, doc: "Consumer group id; agents in one group split the partitions."),
            OptionSpec("start", .choice(["earliest", "latest"]), default: .string("earliest"), doc: "Where a partition without a committed offset starts."),
            OptionSpec("format", .choice(KafkaRecordFormat.allCases.map(\.rawValue)), default: .string("json"), doc: "json: one object per message; csv: one line per message, `columns` in order; raw: topic, partition, offset, key and value as text."),
            OptionSpec("kind", .string, doc: "For json and csv: a record kind to read (tweet, sales_daily, …): its fields are the columns, and sinks place it in its star-schema table."),
            OptionSpec("columns", .map(.string), doc: "For json and csv, without 'kind': column name -> int|double|string|bool|date|timestamp, '?' for nullable (as the csv source)."),
            OptionSpec("batch_rows", .int, default: .int(8192), range: .ints(1...1_048_576), doc: "Messages per batch sent downstream."),
            OptionSpec("max_wait", .duration, default: .duration(.milliseconds(500)), range: .durations(.milliseconds(1)...Duration.seconds(3600)), doc: "A batch goes downstream at the latest this long after its first message."),
            OptionSpec("handover_timeout", .duration, default: .duration(.seconds(30)), range: .durations(.seconds(1)...Duration.seconds(3600)), doc: "When the group takes partitions away, how long to wait for a checkpoint to cover what was read from them before letting them go (keep it under max.poll.interval.ms)."),
        ],
        factory: makeSource
    )

    static let sink = PluginRegistration(
        kind: .sink, type: "kafka",
        summary: "Kafka topic through librdkafka: one message per row, acks=all and idempotence, buffered to disk while the cluster is unreachable",
        options: commonOptions + [
            OptionSpec("topic", .string, required: true, doc: "Topic to publish to."),
            OptionSpec("key", .string, doc: "Column whose value is the message key (rows with one key stay in order on one partition); no key when absent or null."),
            OptionSpec("format", .choice(KafkaMessageEncoder.Format.allCases.map(\.rawValue)), default: .string("json"), doc: "json: one object per row; csv: one line per row, columns in schema order, no header."),
            OptionSpec("batch_bytes", .int, default: .int(1 << 20), range: .ints(1024...(1 << 30)), doc: "Largest request to a broker (librdkafka's batch.size)."),
            OptionSpec("linger", .duration, default: .duration(.milliseconds(5)), range: .durations(.zero...Duration.seconds(900)), doc: "How long messages wait to fill a request (librdkafka's linger.ms)."),
            OptionSpec("delivery_timeout", .duration, default: .duration(.seconds(30)), range: .durations(.seconds(1)...Duration.seconds(3600)), doc: "A write not acknowledged within this is retried from the disk buffer (librdkafka's message.timeout.ms)."),
            OptionSpec("max_undelivered_rows", .int, default: .int(100_000), range: .ints(1...10_000_000), doc: "Rows handed to the producer without waiting for their acknowledgement; at this many (and at every checkpoint) the sink waits for delivery. The runtime keeps these rows until then, to re-send them if delivery fails."),
        ],
        factory: makeSink
    )

    static func makeSource(_ context: StageBuildContext) throws -> BuiltStage {
        let options = context.options
        let format = KafkaRecordFormat(rawValue: options.string(defaulted: "format")) ?? .json
        let columns: [ColumnSpec]
        let schema: Schema
        switch format {
        case .raw:
            guard options.stringMap("columns") == nil, options.string("kind") == nil else {
                throw StageBuildError(option: options.string("kind") == nil ? "columns" : "kind", "format raw has fixed columns (topic, partition, offset, key, value)")
            }
            (columns, schema) = ([], KafkaRecordFormat.rawSchema)
        case .csv, .json:
            (columns, schema) = try options.recordColumns()
        }
        let batchRows = options.int(defaulted: "batch_rows")
        let topics = options.strings(defaulted: "topics")
        guard !topics.isEmpty else { throw StageBuildError(option: "topics", "needs at least one topic") }
        let start = options.string(defaulted: "start")
        let settings = [
            ("bootstrap.servers", try brokers(options)), ("group.id", options.string(defaulted: "group")),
            ("enable.auto.commit", "false"), ("enable.auto.offset.store", "false"), ("auto.offset.reset", start),
        ] + (options.stringMap("options") ?? []).map { ($0.key, $0.value) }
        let source = KafkaSource(settings: settings, topics: topics, fromEarliest: start == "earliest", format: format, columns: columns,
                                 schema: schema, batchRows: batchRows, maxWait: options.duration(defaulted: "max_wait"),
                                 handOverTimeout: options.duration(defaulted: "handover_timeout"))
        return .source(source, output: schema)
    }

    static func makeSink(_ context: StageBuildContext) throws -> BuiltStage {
        let options = context.options
        let key = options.string("key")
        if let key {
            for input in context.inputs where input.schema.index(of: key) == nil {
                throw StageBuildError(option: "key", "input '\(input.id)' has no column '\(key)' (it has \(input.schema.fields.map(\.name).joined(separator: ", ")))")
            }
        }
        let batchBytes = options.int(defaulted: "batch_bytes")
        guard batchBytes >= 1 else { throw StageBuildError(option: "batch_bytes", "must be at least 1") }
        let timeout = options.duration(defaulted: "delivery_timeout")
        let settings = [
            ("bootstrap.servers", try brokers(options)), ("acks", "all"), ("enable.idempotence", "true"),
            ("batch.size", String(batchBytes)), ("linger.ms", String(KafkaConfiguration.milliseconds(options.duration(defaulted: "linger")))),
            ("message.timeout.ms", String(KafkaConfiguration.milliseconds(timeout))),
        ] + (options.stringMap("options") ?? []).map { ($0.key, $0.value) }
        let encoder = KafkaMessageEncoder(format: KafkaMessageEncoder.Format(rawValue: options.string(defaulted: "format")) ?? .json, keyColumn: key)
        return .sink(KafkaSink(settings: settings, topic: options.string(defaulted: "topic"), encoder: encoder,
                               deliveryTimeout: timeout + .seconds(5), maxUndeliveredRows: options.int(defaulted: "max_undelivered_rows"), stage: context.id))
    }

    private static func brokers(_ options: StageOptions) throws -> String {
        let brokers = options.strings(defaulted: "brokers")
        guard !brokers.isEmpty else { throw StageBuildError(option: "brokers", "needs at least one host:port") }
        return brokers.joined(separator: ",")
    }
}
