import EdgeCore

/// How the `file` sink writes records.
enum FileFormat: String, Sendable {
    case jsonl, csv

    /// The lines of `batch`, each ending in a newline.
    func encode(_ batch: RecordBatch) -> String {
        var out = ""
        let names = batch.schema.fields.map { JSONText.string($0.name) }
        for row in 0..<batch.count {
            switch self {
            case .jsonl:
                out += "{"
                for (index, column) in batch.columns.enumerated() {
                    if index > 0 { out += "," }
                    out += names[index] + ":" + JSONText.value(column.value(at: row))
                }
                out += "}\n"
            case .csv:
                out += Self.csvLine(batch.columns.map { column in column.isNull(row) ? "" : column.value(at: row).description })
            }
        }
        return out
    }

    /// One CSV line (RFC 4180): fields with a comma, quote or line break are quoted.
    static func csvLine(_ fields: [String]) -> String {
        fields.map(CSVText.field).joined(separator: ",") + "\n"
    }
}
