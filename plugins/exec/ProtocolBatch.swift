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
        let decoder = JSONRowDecoder(columns: schema.fields.map { ColumnSpec(name: $0.name, type: $0.type, nullable: $0.nullable, format: nil) }, typing: .strict)
        var rejected: [RejectedRow] = []
        for row in rows {
            guard let values = row.array, values.count == columns.count else {
                rejected.append(RejectedRow(row: "\(row)", reason: "a row must be a list of \(columns.count) values"))
                continue
            }
            switch decoder.row(values: positions.map { values[$0!] }) {
            case .success(let converted):
                for (index, value) in converted.enumerated() { builders[index].append(value) }
            case .failure(let problem):
                rejected.append(RejectedRow(row: "[" + values.map(\.jsonText).joined(separator: ",") + "]", reason: reason(problem, schema: schema)))
            }
        }
        let batch = RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() })
        return (batch, rejected)
    }

    /// Why a row was rejected, as the protocol's dead letters say it.
    private static func reason(_ problem: JSONRowError, schema: Schema) -> String {
        guard let field = schema.fields.first(where: { $0.name == problem.column }) else { return problem.description }
        return "column '\(field.name)': expected \(field.type)\(field.nullable ? " or null" : ""), got \(problem.value.jsonText)"
    }
}
