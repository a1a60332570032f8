/// A partition of a topic, and the key it has in a source's position (`topic:partition`; a
/// colon never occurs in topic names).
struct TopicPartition: Hashable, Sendable, CustomStringConvertible {
    var topic: String
    var partition: Int32

    init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    init?(key: String) {
        guard let colon = key.lastIndex(of: ":"), let partition = Int32(key[key.index(after: colon)...]) else { return nil }
        self.init(topic: String(key[..<colon]), partition: partition)
    }

    var key: String { "\(topic):\(partition)" }
    var description: String { key }
}
