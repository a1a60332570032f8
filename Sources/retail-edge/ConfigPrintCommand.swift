import ArgumentParser
import EdgeCore
import Foundation

/// `retail-edge config print CONFIG`: the configuration as the agent would run it.
struct ConfigPrintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print the effective configuration: variables expanded, defaults filled in, secrets shown as <redacted>.",
        discussion: "Secret options, every value that takes text from the environment or a credential (a ${VAR:-default} that falls back to its default is shown), and passwords in URLs are <redacted>. Exits 78 if the configuration is invalid."
    )

    @Argument(help: "The pipeline configuration file.")
    var config: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let logger = output.bootstrap()
        let built = try ConfigReport.build(config, logger: logger)
        let loader = ConfigReport.loader()
        let text = (try? String(contentsOfFile: config, encoding: .utf8)) ?? ""
        let registry = loader.registry(pluginsPath: built.config.pluginsPath).registry
        print(EffectiveConfig.yaml(built.config, text: text, registry: registry, interpolator: loader.interpolator), terminator: "")
    }
}
