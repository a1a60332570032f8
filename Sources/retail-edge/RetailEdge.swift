import ArgumentParser
import BuildInfo

/// The retail-edge agent's command line.
@main
struct RetailEdge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retail-edge",
        abstract: "A plugin-based edge ingestion agent for retail intelligence.",
        version: "retail-edge \(BuildInfo.description)",
        subcommands: [RunCommand.self, ValidateCommand.self, TestCommand.self, ConfigCommand.self, PluginsCommand.self, GraphCommand.self, TapCommand.self, TopCommand.self, DeadLettersCommand.self, DemoDataCommand.self, SchemaCommand.self, ForecastCommand.self, NERCommand.self, SentimentCommand.self]
    )
}
