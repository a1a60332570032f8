import EdgeCore

/// Turns rows into message values (`json` objects or `csv` lines, columns in schema order)
/// and keys (the text of the `key` column; no key when it is null).
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

    func value(_ batch: RecordBatch, row: Int) -> [UInt8] {
        var out = ""
        switch format {
        case .json:
            out.append("{")
            for (index, field) in batch.schema.fields.enumerated() {
                if index > 0 { out.append(",") }
                Self.appendJSONString(field.name, to: &out)
                out.append(":")
                switch batch.columns[index].value(at: row) {
                case .null: out.append("null")
                case .int(let v): out.append(String(v))
                case .double(let v): out.append(v.isFinite ? String(v) : "null")
                case .bool(let v): out.append(v ? "true" : "false")
                case let value: Self.appendJSONString(value.description, to: &out)
                }
            }
            out.append("}")
        case .csv:
            for index in batch.schema.fields.indices {
                if index > 0 { out.append(",") }
                let value = batch.columns[index].value(at: row)
                if case .null = value { continue }
                let text = value.description
                if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                    out.append("\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
                } else {
                    out.append(text)
                }
            }
        }
        return Array(out.utf8)
    }

    private static func appendJSONString(_ text: String, to out: inout String) {
        out.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case _ where scalar.value < 0x20: out.append("\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16))
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }
}
