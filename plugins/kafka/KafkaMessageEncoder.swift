import EdgeCore

/// Turns rows into messages: values as `json` objects or `csv` lines (columns in schema order),
/// keys as the text of the `key` column (no key when it is null). What depends only on the
/// schema (the escaped JSON names, the key's column) is worked out once per batch, and every
/// value is written as UTF-8 into one buffer reused from row to row.
struct KafkaMessageEncoder: Sendable {
    enum Format: String, Sendable, CaseIterable { case json, csv }

    let format: Format
    let keyColumn: String?

    /// Calls `body` with each row's key and value, in order; `value` is valid during the call.
    func encode(_ batch: RecordBatch, _ body: (_ key: [UInt8]?, _ value: [UInt8]) throws -> Void) rethrows {
        let keyIndex = keyColumn.flatMap { batch.schema.index(of: $0) }
        // `"name":` for every column, with the comma before all but the first.
        let names: [[UInt8]] = format == .csv ? [] : batch.schema.fields.enumerated().map { index, field in
            var name: [UInt8] = index > 0 ? [UInt8(ascii: ",")] : []
            JSONText.append(string: field.name, to: &name)
            name.append(UInt8(ascii: ":"))
            return name
        }
        var value: [UInt8] = []
        value.reserveCapacity(256)
        for row in 0..<batch.count {
            value.removeAll(keepingCapacity: true)
            switch format {
            case .json:
                value.append(UInt8(ascii: "{"))
                for (index, name) in names.enumerated() {
                    value.append(contentsOf: name)
                    JSONText.append(value: batch.columns[index].value(at: row), to: &value)
                }
                value.append(UInt8(ascii: "}"))
            case .csv:
                for index in batch.schema.fields.indices {
                    if index > 0 { value.append(UInt8(ascii: ",")) }
                    switch batch.columns[index].value(at: row) {
                    case .null: continue
                    case .string(let text): CSVText.append(text, to: &value)
                    case let other: CSVText.append(other.description, to: &value)
                    }
                }
            }
            try body(keyIndex.flatMap { Self.key(batch.columns[$0].value(at: row)) }, value)
        }
    }

    private static func key(_ value: Value) -> [UInt8]? {
        if case .null = value { return nil }
        return Array(value.description.utf8)
    }
}
