import EdgeCore

/// Registers the `csv` source.
public enum CSVPlugin {
    public static let registration = PluginRegistration(
        kind: .source, type: "csv",
        summary: "CSV files: one file, a glob or a directory; RFC 4180, typed columns, resumes where it stopped",
        options: [
            OptionSpec("path", .string, required: true, doc: "A file, a glob (/srv/drop/*.csv) or a directory (its *.csv files); new files are picked up while running."),
            OptionSpec("columns", .map(.string), required: true, doc: "Column name -> int|double|string|bool|date|timestamp, matched to the header by name; a '?' after the type allows empty values (null); date and timestamp take ':FORMAT' for non-ISO text (timestamp:%m/%d/%Y %H:%M)."),
            OptionSpec("header", .bool, default: .bool(true), doc: "The first line names the columns; without it columns are taken in the order given."),
            OptionSpec("delimiter", .string, default: .string(","), doc: "Field separator, one character (use \"\\t\" for tabs)."),
            OptionSpec("batch_rows", .int, default: .int(8192), range: .ints(1...1_048_576), doc: "Rows per batch sent downstream."),
            OptionSpec("max_record_bytes", .int, default: .int(16 << 20), range: .ints(1024...(1 << 30)), doc: "A record longer than this is dead-lettered and skipped to the next line."),
            OptionSpec("poll_interval", .duration, default: .duration(.seconds(1)), range: .durations(.milliseconds(10)...Duration.seconds(3600)), doc: "How often to look for new files and appended data when running continuously."),
        ],
        factory: make
    )

    static func make(_ context: StageBuildContext) throws -> BuiltStage {
        let options = context.options
        guard let entries = options.stringMap("columns"), !entries.isEmpty else {
            throw StageBuildError(option: "columns", "needs at least one column")
        }
        var columns: [ColumnSpec] = []
        for (name, type) in entries {
            guard let column = ColumnSpec.parse(name: name, spec: type) else {
                var message = "column '\(name)' has an unknown type or format '\(type)'; use int, double, string, bool, date or timestamp, with '?' for nullable and ':FORMAT' (strptime-like, e.g. timestamp:%m/%d/%Y %H:%M) for dates and timestamps"
                if let suggestion = EditDistance.suggestion(for: type, among: ColumnType.allCases.map(\.rawValue)) { message += " (did you mean '\(suggestion)'?)" }
                throw StageBuildError(option: "columns", message)
            }
            columns.append(column)
        }
        var delimiterText = options.string(defaulted: "delimiter")
        if delimiterText == "\\t" { delimiterText = "\t" }
        guard delimiterText.utf8.count == 1, let delimiter = delimiterText.utf8.first, delimiter != UInt8(ascii: "\""), delimiter != UInt8(ascii: "\n") else {
            throw StageBuildError(option: "delimiter", "must be a single one-byte character other than a quote or newline")
        }
        let batchRows = options.int(defaulted: "batch_rows")
        let schema = Schema(columns.map { Field($0.name, $0.type, nullable: $0.nullable) }, kind: nil)
        if let reason = FileMatcher.missingReason(for: options.string(defaulted: "path")) {
            context.warn(option: "path", "\(reason); run watches for it until it appears, run --once fails")
        }
        let source = CSVSource(
            path: options.string(defaulted: "path"), columns: columns, header: options.bool(defaulted: "header"),
            delimiter: delimiter, batchRows: batchRows, pollInterval: options.duration(defaulted: "poll_interval"),
            maxRecordBytes: options.int(defaulted: "max_record_bytes"), schema: schema
        )
        return .source(source, output: schema)
    }
}
