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
            if let key = message.key { Self.append(text: key, to: &builders[3]) } else { builders[3].appendNull() }
            Self.append(text: message.value, to: &builders[4])
            return nil
        case .json:
            return JSONRowDecoder(columns: columns, typing: .lenient).append(json: message.value, to: &builders)?.description
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

    /// Appends bytes as text: ASCII as it is, anything else through String's UTF-8 repair
    /// (invalid sequences become U+FFFD), so that a string column only ever holds valid UTF-8.
    private static func append(text bytes: [UInt8], to builder: inout ColumnBuilder) {
        if bytes.allSatisfy({ $0 < 0x80 }) {
            bytes.withUnsafeBufferPointer { builder.append(utf8: $0) }
        } else {
            builder.append(string: String(decoding: bytes, as: UTF8.self))
        }
    }
}
