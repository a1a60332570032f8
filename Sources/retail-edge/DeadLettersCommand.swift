import ArgumentParser
import EdgeCore
import Foundation

/// `retail-edge dead-letters list|export CONFIG`: the records a configuration's stages rejected,
/// read from their dead-letter files (the agent need not run), newest first; export writes a
/// source's raw rows behind its header line, to fix and drop back into the watched directory.
struct DeadLettersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead-letters",
        abstract: "List the records stages rejected, or export a source's rejected rows to fix and replay.",
        subcommands: [List.self, Export.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Print a configuration's dead letters, newest first: time, stage, where, column, reason, raw text."
        )

        @Argument(help: "The pipeline configuration file.")
        var config: String

        @Option(help: "Only this stage (default: every stage with dead letters).")
        var stage: String?

        @Option(help: "At most this many letters per stage.")
        var limit = 20

        @Option(help: "Only letters whose text contains this (ignoring case).")
        var search = ""

        @Flag(help: "One JSON object per letter.")
        var json = false

        @OptionGroup var output: OutputOptions

        func run() async throws {
            let built = try ConfigReport.build(config, logger: output.bootstrap())
            let readers = try DeadLettersCommand.readers(built, stage: stage)
            var shown = 0
            for reader in readers where stage != nil || reader.size() > 0 {
                let page = try DeadLettersCommand.reporting { () throws(DeadLetterError) in
                    try reader.page(matching: search, limit: max(1, limit))
                }
                shown += page.letters.count
                for letter in page.letters {
                    print(json ? letter.jsonText : DeadLettersCommand.line(letter))
                }
                if page.before != nil {
                    output.say("\(reader.stage): more letters than shown (\(reader.path)); raise --limit or narrow with --search")
                }
            }
            if shown == 0 { output.say("no dead letters" + (search.isEmpty ? "" : " matching '\(search)'")) }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write a source's rejected rows, oldest first, behind the header line of their file: fix it, then move it into the watched directory."
        )

        @Argument(help: "The pipeline configuration file.")
        var config: String

        @Option(help: "The source stage.")
        var stage: String

        @Option(help: "Where to write (- for standard output); outside the watched directory until fixed.")
        var out = "-"

        @Option(help: "Only the rows read from this source file (its path, or file name).")
        var file: String?

        @OptionGroup var output: OutputOptions

        func run() async throws {
            let built = try ConfigReport.build(config, logger: output.bootstrap())
            let reader = try DeadLettersCommand.readers(built, stage: stage)[0]
            let export = try DeadLettersCommand.reporting { () throws(DeadLetterError) in
                var letters: [DeadLetter] = []
                try reader.forEach { letter in letters.append(letter) }
                return try DeadLetterExport(letters: letters, stage: stage, file: file)
            }
            try OutputFile.write(Data(export.text.utf8), to: out)
            var summary = "\(export.rows.count) row\(export.rows.count == 1 ? "" : "s") of stage '\(stage)'"
            if !export.files.isEmpty { summary += " from \(export.files.joined(separator: ", "))" }
            summary += export.header == nil ? ", no header line" : ", behind their header line"
            if out != "-" { summary += ", written to \(out)" }
            if export.skipped > 0 { summary += "; \(export.skipped) letter\(export.skipped == 1 ? "" : "s") without the record as read left out" }
            output.say(summary)
        }
    }

    /// The readers of `stage`, or of every stage.
    static func readers(_ built: BuiltPipeline, stage: String?) throws -> [DeadLetterReader] {
        guard let stage else { return built.deadLetterReaders }
        return [try reporting { () throws(DeadLetterError) in try built.deadLetterReader(stage: stage) }]
    }

    /// Runs `body`; a ``DeadLetterError`` is printed and ends the command with a status for scripts.
    static func reporting<T>(_ body: () throws(DeadLetterError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            switch error.code {
            case .unknownStage, .mixedHeaders: throw ExitStatus.usage
            case .nothingToExport: throw ExitCode.failure
            default: throw ExitStatus.failure
            }
        }
    }

    /// One letter on one line: time, stage, where, column, reason, then the raw text.
    static func line(_ letter: DeadLetter) -> String {
        let raw = letter.raw.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
        var fields = [letter.time.isEmpty ? "-" : letter.time, letter.stage, letter.location.isEmpty ? "-" : letter.location, letter.column ?? "-", letter.reason]
        fields += letter.details.map { "\($0.name)=\($0.value)" }
        return fields.joined(separator: "  ") + "  | " + raw
    }
}
