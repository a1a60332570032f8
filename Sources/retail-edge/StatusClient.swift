import EdgeCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Talks to a running agent's status API, found through the `api.listen` of its configuration.
struct StatusClient {
    let base: String
    /// `api.token`, sent as a bearer token.
    var token: String?

    /// The client for the agent running `config`, or a clear error when it has no API.
    static func forConfig(_ path: String) throws -> StatusClient {
        let (loaded, diagnostics) = ConfigReport.loader().loadCollecting(text: (try? String(contentsOfFile: path, encoding: .utf8)) ?? "", file: path)
        guard let config = loaded, !diagnostics.contains(where: { $0.severity == .error }) else {
            ConfigReport.printDiagnostics(diagnostics)
            throw ExitStatus.config
        }
        guard let listen = config.apiListen else {
            throw StatusClientError(message: "\(path) has no 'api: { listen: HOST:PORT }'; the status API is off")
        }
        var host = String(listen[..<listen.lastIndex(of: ":")!])
        if host == "0.0.0.0" || host.isEmpty { host = "127.0.0.1" }
        if host == "::" { host = "[::1]" }
        return StatusClient(base: "http://\(host):\(listen[listen.index(after: listen.lastIndex(of: ":")!)...])", token: config.apiToken)
    }

    /// GETs `path` and returns the status code and body.
    func get(_ path: String) async throws -> (Int, Data) {
        guard let url = URL(string: base + path) else { throw StatusClientError(message: "bad URL \(base + path)") }
        var request = URLRequest(url: url)
        request.timeoutInterval = 5
        if let token { request.setValue("Bearer " + token, forHTTPHeaderField: "Authorization") }
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
        } catch {
            throw StatusClientError(message: "cannot reach the agent at \(base): \(error.localizedDescription)")
        }
    }
}

/// The agent's status API could not be used.
struct StatusClientError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
