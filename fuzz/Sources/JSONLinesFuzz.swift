import EdgeCore

/// The jsonl source's line decoder (the runtime's JSON row decoder, lenient), into columns of
/// every type (nullable and not).
enum JSONLinesFuzz {
    static let columns: [ColumnSpec] = ["string", "int", "double", "bool", "date", "timestamp", "string?", "int?", "date?:%d.%m.%Y", "timestamp?:%m/%d/%Y %H:%M"]
        .enumerated().map { ColumnSpec.parse(name: "c\($0.offset)", spec: $0.element)! }

    static let decoder = JSONRowDecoder(columns: columns, typing: .lenient)
    static let schema = Schema(columns.map { Field($0.name, $0.type, nullable: $0.nullable) })

    static let target = FuzzTarget(name: "jsonl") { input in
        var builders = columns.map { ColumnBuilder(type: $0.type) }
        var accepted = 0
        for line in input.split(separator: UInt8(ascii: "\n")) {
            if decoder.append(json: Array(line), to: &builders) == nil { accepted += 1 }
            precondition(builders.allSatisfy { $0.count == accepted }, "a rejected line appended values, or an accepted one not to every column")
        }
        let batch = RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() })
        precondition(batch.columns.allSatisfy { $0.count == accepted }, "columns of different lengths")
    }
}
