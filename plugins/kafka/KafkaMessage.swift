/// A consumed message, copied out of librdkafka.
struct KafkaMessage: Sendable {
    var partition: TopicPartition
    var offset: Int64
    var key: [UInt8]?
    var value: [UInt8]
}
