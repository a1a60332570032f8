import Foundation

/// A Kafka source's position: for each partition it has read, the offset of the next message
/// (everything before it was emitted). Encoded as JSON `{"topic:partition": offset}`.
enum KafkaOffsets {
    static func encode(_ offsets: [TopicPartition: Int64]) -> [UInt8] {
        let keyed = Dictionary(uniqueKeysWithValues: offsets.map { ($0.key.key, $0.value) })
        return Array((try? JSONEncoder().encode(keyed)) ?? Data("{}".utf8))
    }

    static func decode(_ bytes: [UInt8]?) throws -> [TopicPartition: Int64] {
        guard let bytes, !bytes.isEmpty else { return [:] }
        let keyed = try JSONDecoder().decode([String: Int64].self, from: Data(bytes))
        return Dictionary(uniqueKeysWithValues: keyed.compactMap { key, offset in TopicPartition(key: key).map { ($0, offset) } })
    }
}
