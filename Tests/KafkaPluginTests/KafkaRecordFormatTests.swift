import Foundation
import EdgeCore
import Testing
@testable import KafkaPlugin

@Suite("Kafka record formats")
struct KafkaRecordFormatTests {
    let columns = [ColumnSpec.parse(name: "day", spec: "date")!, ColumnSpec.parse(name: "store", spec: "string")!,
                   ColumnSpec.parse(name: "units", spec: "int?")!]

    func message(_ text: String, offset: Int64 = 7) -> KafkaMessage {
        KafkaMessage(partition: TopicPartition(topic: "tx", partition: 2), offset: offset, key: Array("k".utf8), value: Array(text.utf8))
    }

    func decode(_ format: KafkaRecordFormat, _ texts: [String]) -> (rows: [[Value]], rejected: [String]) {
        let schema = format == .raw ? KafkaRecordFormat.rawSchema : Schema(columns.map { Field($0.name, $0.type, nullable: $0.nullable) })
        var builders = schema.fields.map { ColumnBuilder(type: $0.type) }
        var rejected: [String] = []
        for text in texts {
            if let reason = format.append(message(text), columns: columns, to: &builders) { rejected.append(reason) }
        }
        let batch = RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish(reservingCapacity: 0) })
        return ((0..<batch.count).map { batch.row($0) }, rejected)
    }

    @Test func csvMessagesBecomeTypedRowsAndBadOnesSayWhy() {
        let (rows, rejected) = decode(.csv, ["2024-01-02,\"S,1\",5\r\n", "2024-01-03,S2,", "2024-01-04,S3,x", "2024-01-05,S4", "2024-01-06,\"S5,1"])
        #expect(rows.map { $0.map(\.description) } == [["2024-01-02", "S,1", "5"], ["2024-01-03", "S2", "null"]])
        #expect(rejected == ["'units' is not a int: x", "2 fields, expected 3", "unterminated quote"])
    }

    @Test func jsonMessagesBecomeTypedRowsAndBadOnesSayWhy() {
        let (rows, rejected) = decode(.json, [#"{"day":"2024-01-02","store":"S1","units":5}"#, #"{"day":"2024-01-03","store":7}"#, "[1]", #"{"store":"S"}"#])
        #expect(rows.map { $0.map(\.description) } == [["2024-01-02", "S1", "5"], ["2024-01-03", "7", "null"]])
        #expect(rejected == ["not a JSON object", "'day' is missing"])
    }

    @Test func rawMessagesKeepTheirCoordinates() {
        let (rows, rejected) = decode(.raw, ["anything"])
        #expect(rejected.isEmpty)
        #expect(rows == [[.string("tx"), .int(2), .int(7), .string("k"), .string("anything")]])
        // Bytes that are not UTF-8 become U+FFFD; other text stays as it is.
        var builders = KafkaRecordFormat.rawSchema.fields.map { ColumnBuilder(type: $0.type) }
        for value in [[0x66, 0xFF, 0x6F], Array("Zürich".utf8)] as [[UInt8]] {
            let raw = KafkaMessage(partition: TopicPartition(topic: "tx", partition: 0), offset: 1, key: nil, value: value)
            #expect(KafkaRecordFormat.raw.append(raw, columns: [], to: &builders) == nil)
        }
        let batch = RecordBatch(schema: KafkaRecordFormat.rawSchema, columns: builders.indices.map { builders[$0].finish(reservingCapacity: 0) })
        #expect(batch.row(0)[4] == .string("f\u{FFFD}o") && batch.row(1)[4] == .string("Zürich") && batch.row(0)[3] == .null)
    }

    @Test func rowsEncodeAsJSONOrCSVWithTheirKey() throws {
        let schema = Schema([Field("store", .string), Field("units", .int, nullable: true), Field("note", .string)])
        var builders = schema.fields.map { ColumnBuilder(type: $0.type) }
        builders[0].append(string: "S1"); builders[1].appendNull(); builders[2].append(string: "a \"b\",\n")
        builders[0].append(string: "Zürich"); builders[1].append(int: 3); builders[2].append(string: "tab\tbell\u{7}\\")
        let batch = RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish(reservingCapacity: 0) })
        func messages(_ encoder: KafkaMessageEncoder) -> [(key: [UInt8]?, value: String)] {
            var out: [(key: [UInt8]?, value: String)] = []
            encoder.encode(batch) { key, value in out.append((key, String(decoding: value, as: UTF8.self))) }
            return out
        }
        func encoded(_ encoder: KafkaMessageEncoder) -> [String] { messages(encoder).map(\.value) }
        let json = KafkaMessageEncoder(format: .json, keyColumn: "store")
        #expect(encoded(json) == [#"{"store":"S1","units":null,"note":"a \"b\",\n"}"#, #"{"store":"Zürich","units":3,"note":"tab\tbell\u0007\\"}"#])
        // What the encoder writes is JSON another parser reads back.
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(encoded(json)[1].utf8)) as? [String: Any])
        #expect(parsed["note"] as? String == "tab\tbell\u{7}\\" && parsed["store"] as? String == "Zürich")
        #expect(messages(json).map(\.key) == [Array("S1".utf8), Array("Zürich".utf8)])
        #expect(messages(KafkaMessageEncoder(format: .json, keyColumn: "units")).map(\.key) == [nil, Array("3".utf8)])
        let csv = KafkaMessageEncoder(format: .csv, keyColumn: nil)
        #expect(encoded(csv) == ["S1,,\"a \"\"b\"\",\n\"", "Zürich,3,tab\tbell\u{7}\\"])
    }

    @Test func positionsRoundTrip() throws {
        let offsets = [TopicPartition(topic: "a.b-c_d", partition: 0): Int64(5), TopicPartition(topic: "x", partition: 11): 9]
        #expect(try KafkaOffsets.decode(KafkaOffsets.encode(offsets)) == offsets)
        #expect(try KafkaOffsets.decode(nil).isEmpty)
    }
}
