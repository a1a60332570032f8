import EdgeCore

/// Registers the `jsonl` source.
public enum JSONLinesPlugin {
    public static let registration = PluginRegistration(
        kind: .source, type: "jsonl",
        summary: "JSON lines: one file, a glob or a directory; typed columns or a record kind (tweet, …); resumes where it stopped",
        options: [
            OptionSpec("path", .string, required: true, doc: "A file, a glob (/srv/drop/*.jsonl) or a directory (its *.jsonl files); new and appended files are picked up while running."),
            OptionSpec("kind", .string, doc: "A record kind to read (tweet, sales_daily, …): its fields are the columns, and sinks place it in its star-schema table."),
            OptionSpec("columns", .map(.string), doc: "Without 'kind': field name -> int|double|string|bool|date|timestamp ('?' for nullable, ':FORMAT' for dates and timestamps)."),
            OptionSpec("batch_rows", .int, default: .int(8192), doc: "Rows per batch sent downstream."),
            OptionSpec("poll_interval", .duration, default: .duration(.seconds(1)), doc: "How often to look for new files and appended lines when running continuously."),
        ],
        factory: make
    )

    static func make(_ context: StageBuildContext) throws -> BuiltStage {
        let options = context.options
        var columns: [ColumnSpec] = []
        var schema: Schema
        if let kind = options.string("kind") {
            guard let kindSchema = StarSchema.current.recordSchema(forKind: kind) else {
                let kinds = StarSchema.current.tableForKind.keys.sorted()
                throw StageBuildError(option: "kind", "'\(kind)' is not a record kind (\(kinds.joined(separator: ", ")))")
            }
            guard options.stringMap("columns") == nil else { throw StageBuildError(option: "columns", "give either 'kind' or 'columns', not both") }
            schema = kindSchema
            columns = kindSchema.fields.map { ColumnSpec(name: $0.name, type: $0.type, nullable: $0.nullable, format: nil) }
        } else {
            guard let entries = options.stringMap("columns"), !entries.isEmpty else {
                throw StageBuildError(option: "columns", "needs 'kind' or at least one column")
            }
            for (name, type) in entries {
                guard let column = ColumnSpec.parse(name: name, spec: type) else {
                    throw StageBuildError(option: "columns", "column '\(name)' has an unknown type or format '\(type)'; use int, double, string, bool, date or timestamp")
                }
                columns.append(column)
            }
            schema = Schema(columns.map { Field($0.name, $0.type, nullable: $0.nullable) })
        }
        let batchRows = options.int("batch_rows") ?? 8192
        guard batchRows >= 1 else { throw StageBuildError(option: "batch_rows", "must be at least 1") }
        let source = JSONLinesSource(path: options.string("path") ?? "", columns: columns, schema: schema, batchRows: batchRows,
                                     pollInterval: options.duration("poll_interval") ?? .seconds(1))
        return .source(source, output: schema)
    }
}
