import CRdKafka
import EdgeCore

/// Publishes every row as one message to a topic with `acks=all` and idempotence, and returns
/// from a write only when the cluster has acknowledged all of its messages: a failed write
/// (brokers unreachable, timeouts) is transient, so the runtime buffers the batch to disk and
/// retries it. Runs on a dedicated thread (librdkafka's flush blocks).
actor KafkaSink: SinkStage {
    let settings: [(String, String)]
    let topic: String
    let encoder: KafkaMessageEncoder
    let deliveryTimeout: Duration
    nonisolated let executor: DedicatedThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    private var producer: KafkaProducer?

    init(settings: [(String, String)], topic: String, encoder: KafkaMessageEncoder, deliveryTimeout: Duration, stage: String) {
        self.settings = settings
        self.topic = topic
        self.encoder = encoder
        self.deliveryTimeout = deliveryTimeout
        self.executor = DedicatedThreadExecutor(name: "kafka:\(stage)")
    }

    deinit { executor.shutdown() }

    func open(_ context: StageContext) async throws {
        producer = nil
        let producer = try KafkaProducer(settings: settings, logger: context.logger)
        try producer.checkConnection(topic: topic, timeout: .seconds(10))
        self.producer = producer
    }

    func write(_ batch: RecordBatch, input: Int) async throws {
        guard let producer else { throw KafkaError(code: RD_KAFKA_RESP_ERR__STATE, message: "not connected") }
        try encoder.encode(batch) { key, value in try producer.send(topic: topic, key: key, value: value) }
        try producer.deliver(timeout: deliveryTimeout)
    }

    /// Every write waits for its delivery reports; nothing is left to make durable.
    func commit() async throws {}

    func close() async {
        producer = nil
    }
}
