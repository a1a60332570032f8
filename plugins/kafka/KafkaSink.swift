import CRdKafka
import EdgeCore

/// Publishes every row as one message to a topic with `acks=all` and idempotence. A write hands
/// its messages to the producer's queue; `commit` (at each checkpoint, and whenever
/// `deliveryWindowRows` rows are waiting) returns once the cluster has acknowledged every one,
/// so the queue stays full across batches. A failed delivery (brokers unreachable, timeouts) is
/// transient: the runtime re-sends the batches not known delivered through its disk buffer. Runs
/// on a dedicated thread (librdkafka's flush blocks).
actor KafkaSink: SinkStage {
    let settings: [(String, String)]
    let topic: String
    let encoder: KafkaMessageEncoder
    let deliveryTimeout: Duration
    nonisolated let deliveryWindowRows: Int?
    nonisolated let executor: DedicatedThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    private var producer: KafkaProducer?

    init(settings: [(String, String)], topic: String, encoder: KafkaMessageEncoder, deliveryTimeout: Duration, maxUndeliveredRows: Int, stage: String) {
        self.settings = settings
        self.deliveryWindowRows = maxUndeliveredRows
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
        producer.serveReports()
    }

    /// Waits until the cluster has acknowledged every message written.
    func commit() async throws {
        guard let producer else { throw KafkaError(code: RD_KAFKA_RESP_ERR__STATE, message: "not connected") }
        try producer.deliver(timeout: deliveryTimeout)
    }

    func close() async {
        producer = nil
    }
}
