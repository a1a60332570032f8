import EdgeCore

/// Turns rows into message values (`json` objects or `csv` lines, columns in schema order)
/// and keys (the text of the `key` column; no key when it is null), written as UTF-8 into a
/// buffer the caller reuses from row to row.
struct KafkaMessageEncoder: Sendable {
    enum Format: String, Sendable, CaseIterable { case json, csv }

    let format: Format
    let keyColumn: String?

    func key(_ batch: RecordBatch, row: Int) -> [UInt8]? {
        guard let keyColumn, let index = batch.schema.index(of: keyColumn) else { return nil }
        let value = batch.columns[index].value(at: row)
        if case .null = value { return nil }
        return Array(value.description.utf8)
    }

    /// Replaces `out` with the value of `row`.
    func value(_ batch: RecordBatch, row: Int, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        switch format {
        case .json:
            out.append(UInt8(ascii: "{"))
            for (index, field) in batch.schema.fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.append(string: field.name, to: &out)
                out.append(UInt8(ascii: ":"))
                JSONText.append(value: batch.columns[index].value(at: row), to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .csv:
            for index in batch.schema.fields.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                switch batch.columns[index].value(at: row) {
                case .null: continue
                case .string(let text): CSVText.append(text, to: &out)
                case let value: CSVText.append(value.description, to: &out)
                }
            }
        }
    }
}
