import EdgeCore

extension StageOptions {
    /// The columns a decoding source (JSON lines, Kafka messages) reads: the fields of the record
    /// kind named by `kind` (tweet, sales_daily, …, so that sinks place them in their star-schema
    /// table), or the `columns` map (name → int|double|string|bool|date|timestamp, `?` for
    /// nullable, `:FORMAT` for dates and timestamps), in order.
    public func recordColumns() throws(StageBuildError) -> (columns: [ColumnSpec], schema: Schema) {
        if let kind = string("kind") {
            guard let schema = StarSchema.current.recordSchema(forKind: kind) else {
                let kinds = StarSchema.current.tableForKind.keys.sorted()
                throw StageBuildError(option: "kind", "'\(kind)' is not a record kind (\(kinds.joined(separator: ", ")))")
            }
            guard stringMap("columns") == nil else { throw StageBuildError(option: "columns", "give either 'kind' or 'columns', not both") }
            return (schema.fields.map { ColumnSpec(name: $0.name, type: $0.type, nullable: $0.nullable, format: nil) }, schema)
        }
        guard let entries = stringMap("columns"), !entries.isEmpty else {
            throw StageBuildError(option: "columns", "needs 'kind' or at least one column")
        }
        var columns: [ColumnSpec] = []
        for (name, type) in entries {
            guard let column = ColumnSpec.parse(name: name, spec: type) else {
                throw StageBuildError(option: "columns", "column '\(name)' has an unknown type or format '\(type)'; use int, double, string, bool, date or timestamp, with '?' for nullable")
            }
            columns.append(column)
        }
        return (columns, Schema(columns.map { Field($0.name, $0.type, nullable: $0.nullable) }))
    }
}
