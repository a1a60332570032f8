import ArgumentParser
import Foundation

/// `retail-edge tap CONFIG STAGE`: a sample of a running stage's output, as JSON lines.
struct TapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tap", abstract: "Print recent output of a stage of a running agent as JSON lines (like vector tap).")

    @Argument(help: "The running pipeline's configuration (its api.listen is used).")
    var config: String

    @Argument(help: "The stage id.")
    var stage: String

    @Option(help: "How many recent records.")
    var limit = 10

    func run() async throws {
        let client = try StatusClient.forConfig(config)
        let (status, body) = try await client.get("/tap/\(stage.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? stage)?limit=\(limit)")
        guard status == 200 else {
            FileHandle.standardError.write(body + Data("\n".utf8))
            throw ExitCode.failure
        }
        FileHandle.standardOutput.write(body)
    }
}
