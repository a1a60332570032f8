import EdgeCore
import RetailWarehouse

/// Registers the `jsonl` source.
public enum JSONLinesPlugin {
    public static let registration = PluginRegistration(
        kind: .source, type: "jsonl",
        summary: "JSON lines: one file, a glob or a directory; typed columns or a record kind (tweet, …); resumes where it stopped",
        options: [
            OptionSpec("path", .string, required: true, doc: "A file, a glob (/srv/drop/*.jsonl) or a directory (its *.jsonl files); new and appended files are picked up while running."),
            OptionSpec("kind", .string, doc: "A record kind to read (tweet, sales_daily, …): its fields are the columns, and sinks place it in its star-schema table."),
            OptionSpec("columns", .map(.string), doc: "Without 'kind': field name -> int|double|string|bool|date|timestamp ('?' for nullable, ':FORMAT' for dates and timestamps)."),
            OptionSpec("batch_rows", .int, default: .int(8192), range: .ints(1...1_048_576), doc: "Rows per batch sent downstream."),
            OptionSpec("poll_interval", .duration, default: .duration(.seconds(1)), range: .durations(.milliseconds(10)...Duration.seconds(3600)), doc: "How often to look for new files and appended lines when running continuously."),
        ],
        factory: make
    )

    static func make(_ context: StageBuildContext) throws -> BuiltStage {
        let options = context.options
        let (columns, schema) = try options.recordColumns()
        let batchRows = options.int(defaulted: "batch_rows")
        if let reason = FileMatcher.missingReason(for: options.string(defaulted: "path")) {
            context.warn(option: "path", "\(reason); run watches for it until it appears, run --once fails")
        }
        let source = JSONLinesSource(path: options.string(defaulted: "path"), columns: columns, schema: schema, batchRows: batchRows,
                                     pollInterval: options.duration(defaulted: "poll_interval"))
        return .source(source, output: schema)
    }
}
