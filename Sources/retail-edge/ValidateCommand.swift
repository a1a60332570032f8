import ArgumentParser
import EdgeCore
import Foundation

/// `retail-edge validate CONFIG`: every check `run` makes, without starting anything.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a configuration (YAML, options, graph, column types) without running it; exit 78 if invalid."
    )

    @Argument(help: "The pipeline configuration file.")
    var config: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let logger = output.bootstrap()
        let built = try ConfigReport.build(config, logger: logger)
        let kinds = StageKind.allCases.compactMap { kind -> String? in
            let n = built.config.stages.filter { $0.kind == kind }.count
            return n == 0 ? nil : "\(n) \(kind)\(n == 1 ? "" : "s")"
        }
        output.say("\(config): OK (\(kinds.joined(separator: ", ")))")
    }
}
