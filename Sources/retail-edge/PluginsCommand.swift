import ArgumentParser
import EdgeCore
import Foundation

/// `retail-edge plugins [describe TYPE] [--config FILE]`: generated from the registrations,
/// built-in and exec plugins alike.
struct PluginsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List the registered stage types, built-in and exec plugins.",
        subcommands: [List.self, Describe.self],
        defaultSubcommand: List.self
    )

    /// `--config FILE`: also the exec plugins of the file's `plugins_path`.
    struct Source: ParsableArguments {
        @Option(name: .long, help: "A pipeline configuration whose plugins_path is searched too.")
        var config: String?

        /// The built-in plugins and the exec plugins found, with problems printed on stderr.
        func registry() -> PluginRegistry {
            var pluginsPath: [String] = []
            if let config {
                let text = (try? String(contentsOfFile: config, encoding: .utf8)) ?? ""
                let (loaded, diagnostics) = ConfigReport.loader().loadCollecting(text: text, file: config)
                pluginsPath = loaded?.pluginsPath ?? []
                ConfigReport.printDiagnostics(diagnostics.filter { $0.severity == .error && $0.message.contains("plugins_path") })
            }
            let (registry, problems) = ConfigReport.loader().registry(pluginsPath: pluginsPath)
            for problem in problems { FileHandle.standardError.write(Data("warning: \(problem)\n".utf8)) }
            return registry
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List every source, transform, model and sink type.")

        @OptionGroup var source: Source

        func run() async throws {
            let registry = source.registry()
            let width = registry.all.map(\.type.count).max() ?? 0
            for kind in StageKind.allCases {
                let registrations = registry.types(of: kind)
                guard !registrations.isEmpty else { continue }
                print("\(kind.section):")
                for registration in registrations {
                    print("  \(registration.type.padding(toLength: width, withPad: " ", startingAt: 0))  \(registration.summary)")
                }
            }
        }
    }

    struct Describe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "describe", abstract: "Print a stage type's options.")

        @Argument(help: "The stage type, e.g. csv.")
        var type: String

        @OptionGroup var source: Source

        func run() async throws {
            let registry = source.registry()
            let registrations = registry.registrations(named: type)
            guard !registrations.isEmpty else {
                var message = "unknown plugin type '\(type)'"
                if let suggestion = EditDistance.suggestion(for: type, among: registry.all.map(\.type)) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                throw ValidationError(message)
            }
            for registration in registrations {
                print("\(registration.type) (\(registration.kind)): \(registration.summary)\n")
                print("options:")
                printOptions(registration.options)
                print("\ncommon options:")
                printOptions(PluginRegistration.commonOptions(for: registration.kind))
            }
        }

        private func printOptions(_ options: [OptionSpec]) {
            for option in options {
                var line = "  \(option.name) (\(option.type))"
                if option.required { line += ", required" }
                if let value = option.defaultValue, !option.secret { line += ", default \(value)" }
                if let range = option.range { line += ", \(range.description)" }
                print(line)
                print("      \(option.doc)")
            }
        }
    }
}
