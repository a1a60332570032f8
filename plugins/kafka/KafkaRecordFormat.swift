import EdgeCore
import Foundation

/// How message values map to records: `raw` (topic, partition, offset, key, value as text),
/// `json` (one object per message, typed `columns`) or `csv` (one line per message, `columns`
/// in order).
enum KafkaRecordFormat: String, Sendable, CaseIterable {
    case csv, json, raw

    static let rawSchema = Schema([
        Field("topic", .string), Field("partition", .int), Field("offset", .int),
        Field("key", .string, nullable: true), Field("value", .string),
    ])

    /// Appends the values of `message` to `builders`, or returns why it cannot be used
    /// (nothing appended).
    func append(_ message: KafkaMessage, columns: [ColumnSpec], to builders: inout [ColumnBuilder]) -> String? {
        let values: [Value]
        switch self {
        case .raw:
            builders[0].append(string: message.partition.topic)
            builders[1].append(int: Int64(message.partition.partition))
            builders[2].append(int: message.offset)
            if let key = message.key { builders[3].append(string: String(decoding: key, as: UTF8.self)) } else { builders[3].appendNull() }
            builders[4].append(string: String(decoding: message.value, as: UTF8.self))
            return nil
        case .json:
            guard let object = (try? JSONSerialization.jsonObject(with: Data(message.value))) as? [String: Any] else { return "not a JSON object" }
            var decoded: [Value] = []
            for column in columns {
                guard let raw = object[column.name], !(raw is NSNull) else {
                    guard column.nullable else { return "'\(column.name)' is missing" }
                    decoded.append(.null)
                    continue
                }
                guard let value = column.value(json: raw) else { return "'\(column.name)' is not a \(column.type): \(raw)" }
                decoded.append(value)
            }
            values = decoded
        case .csv:
            guard let fields = Self.splitCSV(String(decoding: message.value, as: UTF8.self)) else { return "unterminated quote" }
            guard fields.count == columns.count else { return "\(fields.count) fields, expected \(columns.count)" }
            var decoded: [Value] = []
            for (column, field) in zip(columns, fields) {
                if field.isEmpty {
                    guard column.nullable else { return "'\(column.name)' is empty" }
                    decoded.append(.null)
                    continue
                }
                guard let value = column.value(text: field) else { return "'\(column.name)' is not a \(column.type): \(field)" }
                decoded.append(value)
            }
            values = decoded
        }
        for (index, value) in values.enumerated() { builders[index].append(value) }
        return nil
    }

    /// The fields of one RFC 4180 record (quotes, doubled quotes inside them), without its line
    /// end; nil for an unterminated quote.
    static func splitCSV(_ line: String) -> [String]? {
        var fields: [String] = []
        var field = ""
        var quoted = false, afterQuote = false
        for character in line.trimmingCharacters(in: .newlines) {
            if quoted {
                if character == "\"" { quoted = false; afterQuote = true } else { field.append(character) }
            } else if character == "\"" {
                if afterQuote { field.append("\"") }
                quoted = true
                afterQuote = false
            } else if character == "," {
                fields.append(field)
                field = ""
                afterQuote = false
            } else {
                field.append(character)
                afterQuote = false
            }
        }
        guard !quoted else { return nil }
        fields.append(field)
        return fields
    }
}
