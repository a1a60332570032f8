import ArgumentParser
import EdgeCore

/// `retail-edge graph CONFIG`: the pipeline as a Mermaid or dot diagram.
struct GraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "graph", abstract: "Print the pipeline graph as Mermaid or Graphviz dot.")

    @Argument(help: "The pipeline configuration file.")
    var config: String

    @Option(help: "mermaid or dot.")
    var format: GraphRenderer.Format = .mermaid

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let logger = output.bootstrap()
        let built = try ConfigReport.build(config, logger: logger)
        print(GraphRenderer.render(built.config, format: format), terminator: "")
    }
}

extension GraphRenderer.Format: ExpressibleByArgument {}
