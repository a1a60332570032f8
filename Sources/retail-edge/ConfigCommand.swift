import ArgumentParser

/// `retail-edge config schema|print`: the configuration as code.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "The configuration as code: its JSON Schema for editors, and the effective configuration.",
        subcommands: [ConfigSchemaCommand.self, ConfigPrintCommand.self]
    )
}
