import EdgeCore

/// A failed call to an OpenAI-compatible chat-completions API. (A 429 is not an error: the
/// client returns its `retry-after` and the source waits.)
public struct GroqError: TransientClassifying, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case unauthorized, serverError = "server_error", unreachable, badRequest = "bad_request"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// The API key was refused (401, 403).
        public static let unauthorized = Code(.unauthorized)
        /// The server failed (5xx).
        public static let serverError = Code(.serverError)
        /// The server could not be reached (DNS, connection, timeout).
        public static let unreachable = Code(.unreachable)
        /// The server refused the request as malformed (other 4xx).
        public static let badRequest = Code(.badRequest)
        /// A stable code for logs and metrics.
        public var description: String { base.rawValue }
    }

    public var code: Code
    /// The HTTP status, or `nil` when the server could not be reached.
    public var status: Int?
    public var message: String

    /// Server errors and unreachable servers may pass; a wrong key or a bad request will not.
    public var isTransient: Bool { code == .serverError || code == .unreachable }

    public var description: String { "Groq API: \(message)\(status.map { " (HTTP \($0))" } ?? "")" }
}
