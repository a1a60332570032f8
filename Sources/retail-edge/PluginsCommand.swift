import ArgumentParser
import EdgeCore

/// `retail-edge plugins [describe TYPE]`: generated from the registrations.
struct PluginsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List the registered stage types.",
        subcommands: [List.self, Describe.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List every source, transform, model and sink type.")

        func run() async throws {
            let all = Builtins.registry.all
            let width = all.map(\.type.count).max() ?? 0
            for kind in StageKind.allCases {
                let registrations = Builtins.registry.types(of: kind)
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

        func run() async throws {
            let registrations = Builtins.registry.registrations(named: type)
            guard !registrations.isEmpty else {
                var message = "unknown plugin type '\(type)'"
                if let suggestion = EditDistance.suggestion(for: type, among: Builtins.registry.all.map(\.type)) {
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
                print(line)
                print("      \(option.doc)")
            }
        }
    }
}
