import EdgeCore

/// Record batches as protocol lines: `{"type":"batch","id":N,"columns":[…],"rows":[[…],…]}`,
/// with dates and timestamps as ISO 8601 strings and nulls as `null`.
enum ProtocolBatch {
    /// The line for `batch`, newline included.
    static func encode(_ batch: RecordBatch, id: Int) -> String {
        var line = "{\"type\":\"batch\",\"id\":\(id),\"columns\":"
        line += JSONText.array(batch.schema.fields.map { JSONText.string($0.name) })
        line += ",\"rows\":["
        for row in 0..<batch.count {
            if row > 0 { line += "," }
            line += "["
            for (index, column) in batch.columns.enumerated() {
                if index > 0 { line += "," }
                line += JSONText.value(column.value(at: row))
            }
            line += "]"
        }
        return line + "]}\n"
    }

    /// A row the plugin sent that does not fit the schema, and why.
    struct RejectedRow {
        var row: String
        var reason: String
    }

    /// The rows of a `batch` message as a batch of `schema`. The columns must be the schema's
    /// (in any order); a row with a value of the wrong type is rejected alone.
    static func decode(_ message: JSONValue, schema: Schema) throws(ExecPluginError) -> (RecordBatch, [RejectedRow]) {
        guard let columns = message["columns"]?.array?.compactMap(\.string), let rows = message["rows"]?.array else {
            throw ExecPluginError(.protocolViolation, "a batch needs 'columns' (a list of names) and 'rows' (a list of lists)")
        }
        let positions = schema.fields.map { field in columns.firstIndex(of: field.name) }
        guard columns.count == schema.fields.count, Set(columns).count == columns.count, positions.allSatisfy({ $0 != nil }) else {
            throw ExecPluginError(.wrongColumns, "batch has columns [\(columns.joined(separator: ", "))]; expected [\(schema.fields.map(\.name).joined(separator: ", "))]")
        }
        var builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: rows.count) }
        var rejected: [RejectedRow] = []
        for row in rows {
            guard let values = row.array, values.count == columns.count else {
                rejected.append(RejectedRow(row: "\(row)", reason: "a row must be a list of \(columns.count) values"))
                continue
            }
            var converted: [Value] = []
            var failure: String?
            for (index, field) in schema.fields.enumerated() {
                guard let value = Self.value(values[positions[index]!], as: field) else {
                    failure = "column '\(field.name)': expected \(field.type)\(field.nullable ? " or null" : ""), got \(Self.show(values[positions[index]!]))"
                    break
                }
                converted.append(value)
            }
            if let failure {
                rejected.append(RejectedRow(row: "[" + values.map(Self.show).joined(separator: ",") + "]", reason: failure))
                continue
            }
            for (index, value) in converted.enumerated() { builders[index].append(value) }
        }
        let batch = RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() })
        return (batch, rejected)
    }

    private static func value(_ json: JSONValue, as field: Field) -> Value? {
        switch (json, field.type) {
        case (.null, _): return field.nullable ? .null : nil
        case (_, .int): return json.integer.map(Value.int)
        case (.integer(let v), .double): return .double(Double(v))
        case (.number(let v), .double): return .double(v)
        case (.string(let s), .string): return .string(s)
        case (.bool(let b), .bool): return .bool(b)
        case (.string(let s), .date): return FieldParser.parse(s, FieldParser.date).map(Value.date)
        case (.string(let s), .timestamp): return FieldParser.timestampValue(s)
        default: return nil
        }
    }

    static func show(_ json: JSONValue) -> String {
        switch json {
        case .null: "null"
        case .bool(let b): String(b)
        case .integer(let v): String(v)
        case .number(let v): String(v)
        case .string(let s): JSONText.string(s)
        case .array(let items): "[" + items.map(show).joined(separator: ",") + "]"
        case .object(let entries): "{" + entries.map { JSONText.string($0.key) + ":" + show($0.value) }.joined(separator: ",") + "}"
        }
    }
}
