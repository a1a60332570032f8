import EdgeCore
@testable import KafkaPlugin

/// The Kafka source's record formats (`csv`, `json`, `raw`) on a message value, without a broker:
/// the first byte picks the format and splits key from value.
enum KafkaRecordFuzz {
    static let columns: [ColumnSpec] = ["string", "int?", "double", "bool?", "date", "timestamp"]
        .enumerated().map { ColumnSpec.parse(name: "c\($0.offset)", spec: $0.element)! }

    static let target = FuzzTarget(name: "kafka") { input in
        guard let selector = input.first else { return }
        let format = KafkaRecordFormat.allCases[Int(selector) % KafkaRecordFormat.allCases.count]
        let body = Array(input.dropFirst())
        let split = body.firstIndex(of: 0) ?? body.count
        let key = split < body.count ? Array(body[..<split]) : nil
        let value = split < body.count ? Array(body[(split + 1)...]) : body
        let message = KafkaMessage(partition: TopicPartition(topic: "t", partition: 0), offset: 1, key: key, value: value)
        let fields = format == .raw ? KafkaRecordFormat.rawSchema.fields.map { ColumnSpec(name: $0.name, type: $0.type, nullable: $0.nullable, format: nil) } : columns
        var builders = fields.map { ColumnBuilder(type: $0.type) }
        let reason = format.append(message, columns: fields, to: &builders)
        precondition(builders.allSatisfy { $0.count == (reason == nil ? 1 : 0) }, "a rejected message appended values, or an accepted one not to every column")
        _ = KafkaRecordFormat.splitCSV(String(decoding: body, as: UTF8.self))
    }
}
