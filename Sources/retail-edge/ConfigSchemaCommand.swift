import ArgumentParser
import EdgeCore

/// `retail-edge config schema [--config FILE]`: a JSON Schema of the configuration, generated
/// from the registry.
struct ConfigSchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print a JSON Schema (draft 2020-12) of the configuration: every stage type and option, the top-level keys and tests:.",
        discussion: "Save it and point the YAML language server at it with a first line '# yaml-language-server: $schema=retail-edge.schema.json' for completion and errors in the editor."
    )

    @OptionGroup var source: PluginsCommand.Source

    func run() async throws {
        print(ConfigJSONSchema.json(registry: source.registry()))
    }
}
