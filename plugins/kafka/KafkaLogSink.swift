/// What a librdkafka client's opaque must be so that its log lines reach the agent's log:
/// librdkafka calls ``KafkaConfiguration`` 's log callback from its own threads with that opaque.
protocol KafkaLogSink: AnyObject, Sendable {
    /// Where the client's lines go.
    var log: KafkaLog { get }
}
