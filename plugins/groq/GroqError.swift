import EdgeCore

/// A failed call to an OpenAI-compatible chat-completions API.
public struct GroqError: TransientClassifying, CustomStringConvertible {
    /// A stable code: `unauthorized`, `rate_limited`, `server_error`, `unreachable`, `bad_request`, `budget_exhausted`.
    public var code: String
    /// The HTTP status, or `nil` when the server could not be reached.
    public var status: Int?
    public var message: String

    /// Rate limits, server errors and timeouts may pass; a wrong key or a bad request will not.
    public var isTransient: Bool { ["rate_limited", "server_error", "unreachable"].contains(code) }

    public var description: String { "Groq API: \(message)\(status.map { " (HTTP \($0))" } ?? "")" }
}
