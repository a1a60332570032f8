/// The raw records of a stage's letters, oldest first, behind the header line of the file they
/// came from: a file the operator can fix and drop back into the watched directory. Letters
/// without the record as read (from transforms and sinks) and corrupt lines are left out and
/// counted. Letters from files with different headers cannot share one file and are refused.
public struct DeadLetterExport: Sendable, Equatable {
    /// The source's header line; nil when the source has none (JSON lines, Kafka, headerless CSV).
    public var header: String?
    public var rows: [String]
    /// The source files the rows come from, in order of first appearance.
    public var files: [String]
    /// Letters left out: corrupt, or without the record as read.
    public var skipped: Int

    /// Exports `letters` (oldest first) of `stage`, only those read from `file` when given
    /// (its path as written in the letters, or its last component).
    public init(letters: [DeadLetter], stage: String, file: String? = nil) throws(DeadLetterError) {
        var chosen = letters
        if let file {
            chosen = letters.filter { $0.file == file || $0.file.map { Self.lastComponent($0) == file } == true }
            guard !chosen.isEmpty else {
                let known = Self.unique(letters.compactMap(\.file))
                throw DeadLetterError(.nothingToExport, "no letter of stage '\(stage)' comes from '\(file)'"
                    + (known.isEmpty ? "" : " (its letters come from: \(known.joined(separator: ", ")))"))
            }
        }
        let exportable = chosen.filter { !$0.corrupt && $0.rawIsVerbatim }
        guard !exportable.isEmpty else {
            throw DeadLetterError(.nothingToExport, chosen.isEmpty
                ? "stage '\(stage)' has no dead letters"
                : "none of the \(chosen.count) letters of stage '\(stage)' holds a record as read (they come from a transform or a sink, or are corrupt)")
        }
        let headers = Self.unique(exportable.map { $0.header ?? "" })
        guard headers.count == 1 else {
            let groups = headers.map { header -> String in
                let files = Self.unique(exportable.filter { ($0.header ?? "") == header }.map { $0.file ?? "(no file)" })
                return "\(files.joined(separator: ", ")) \(header.isEmpty ? "without a header" : "with header '\(header)'")"
            }
            throw DeadLetterError(.mixedHeaders, "the letters of stage '\(stage)' come from files with different headers: "
                + groups.joined(separator: "; ") + "; export one file at a time with --file")
        }
        header = exportable[0].header
        rows = exportable.map(\.raw)
        files = Self.unique(exportable.compactMap(\.file))
        skipped = chosen.count - exportable.count
    }

    /// The file's contents: the header line, then one record per line.
    public var text: String {
        ((header.map { [$0] } ?? []) + rows).map { $0 + "\n" }.joined()
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    private static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
