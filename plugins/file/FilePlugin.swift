import EdgeCore

/// Registers the `file` sink.
public enum FilePlugin {
    public static let registration = PluginRegistration(
        kind: .sink, type: "file",
        summary: "Appends records to a local file as JSON lines or CSV, fsynced per batch (for debugging and hand-offs)",
        options: [
            OptionSpec("path", .string, required: true, doc: "The file to append to; created with its directory if missing."),
            OptionSpec("format", .choice(["jsonl", "csv"]), default: .string("jsonl"), doc: "jsonl: one JSON object per record, keyed by column name; csv: a header line when the file is new, then one line per record."),
        ],
        factory: make
    )

    static func make(_ context: StageBuildContext) throws -> BuiltStage {
        let format = FileFormat(rawValue: context.options.string(defaulted: "format")) ?? .jsonl
        // CSV has one header: every input must have the same columns.
        let header = format == .csv ? try context.singleInputSchema().fields.map(\.name) : nil
        return .sink(FileSink(path: context.options.string(defaulted: "path"), format: format, csvHeader: header, stage: context.id))
    }
}
