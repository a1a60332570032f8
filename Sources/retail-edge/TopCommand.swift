import ArgumentParser
import Foundation

/// `retail-edge top CONFIG`: per-stage rates of a running agent, refreshing in the terminal.
struct TopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "top", abstract: "Show per-stage records, rates and errors of a running agent, refreshing.")

    @Argument(help: "The running pipeline's configuration (its api.listen is used).")
    var config: String

    @Option(help: "Seconds between refreshes.")
    var interval = 1.0

    @Option(help: "Stop after this many refreshes (0: until interrupted).")
    var iterations = 0

    struct Document: Decodable {
        struct Stage: Decodable {
            var id: String, kind: String, type: String
            var records_in: Int, records_out: Int, errors: Int, dead_lettered: Int, retries: Int, queued: Int
            var rate_in: Int, rate_out: Int, failing: Bool
            var last_error: String?, last_error_at: String?, buffer_bytes: Int, buffer_batches: Int, lag_bytes: Int
        }
        var pipeline: String, ready: Bool, failing: [String], status: String, stages: [Stage]
    }

    func run() async throws {
        let client = try StatusClient.forConfig(config)
        let terminal = isatty(1) == 1
        var count = 0
        while iterations == 0 || count < iterations {
            let (status, body) = try await client.get("/api/stages")
            guard status == 200 else { throw StatusClientError(message: "status API answered \(status)") }
            let document = try JSONDecoder().decode(Document.self, from: body)
            var lines = ["\(document.pipeline): \(document.ready ? "ready" : "NOT READY") — \(document.status)", ""]
            let header = ["STAGE", "KIND", "TYPE", "IN", "OUT", "IN/S", "OUT/S", "ERRORS", "DEAD", "RETRIES", "QUEUED", "BUFFER B", "LAG B"]
            var rows = [header]
            for s in document.stages {
                rows.append([s.id + (s.failing ? " !" : ""), s.kind, s.type, "\(s.records_in)", "\(s.records_out)", "\(s.rate_in)", "\(s.rate_out)",
                             "\(s.errors)", "\(s.dead_lettered)", "\(s.retries)", "\(s.queued)", "\(s.buffer_bytes)", "\(s.lag_bytes)"])
            }
            let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                lines.append(row.enumerated().map { index, cell in
                    index < 3 ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                        : String(repeating: " ", count: widths[index] - cell.count) + cell
                }.joined(separator: "  "))
            }
            // Why the agent is not ready: each failing stage with its last error and disk buffer.
            for s in document.stages where s.failing {
                lines.append("! \(s.kind) \(s.id) failing (last error at \(s.last_error_at ?? "?")): \(s.last_error ?? "no error text")"
                             + (s.buffer_bytes > 0 ? " (\(s.buffer_bytes) bytes, \(s.buffer_batches) batches in its disk buffer)" : ""))
            }
            print((terminal ? "\u{1B}[H\u{1B}[2J" : "") + lines.joined(separator: "\n"))
            count += 1
            if iterations == 0 || count < iterations { try await Task.sleep(for: .milliseconds(Int(interval * 1000))) }
        }
    }
}
