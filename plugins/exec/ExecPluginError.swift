import EdgeCore

/// Why an exec plugin's child failed: it could not start, broke the protocol, stopped answering
/// or refused a batch. Logged with the stage; the child is restarted with backoff.
public struct ExecPluginError: TransientClassifying, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case spawn, exited, timeout, invalidJSON, lineTooLong, protocolViolation, wrongColumns, fatal, retryLater, rejected, restartLimit
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// The command could not be started.
        public static let spawn = Code(.spawn)
        /// The child exited or closed its output.
        public static let exited = Code(.exited)
        /// The child did not answer within `timeout`.
        public static let timeout = Code(.timeout)
        /// A line of the child's output is not JSON.
        public static let invalidJSON = Code(.invalidJSON)
        /// A line of the child's output is longer than `max_line_bytes`.
        public static let lineTooLong = Code(.lineTooLong)
        /// A message of the wrong type, id or protocol version.
        public static let protocolViolation = Code(.protocolViolation)
        /// A batch whose columns are not the stage's output columns.
        public static let wrongColumns = Code(.wrongColumns)
        /// The child reported a fatal error.
        public static let fatal = Code(.fatal)
        /// A sink could not make a batch durable now (`nack` with `retry: true`).
        public static let retryLater = Code(.retryLater)
        /// A sink refused a batch for its content (`nack` with `retry: false`).
        public static let rejected = Code(.rejected)
        /// The child kept failing before it had run ``ExecSource/healthyRun``: restarting it
        /// again would only repeat its rows.
        public static let restartLimit = Code(.restartLimit)
        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// A restarted child may do better; a refused batch or a child past its restart limit will not.
    public var isTransient: Bool { code != .rejected && code != .restartLimit }

    /// The sink runtime then writes the batch in parts and dead-letters the rows refused alone.
    public var isRowRejection: Bool { code == .rejected }

    public var description: String { "\(message) (\(code))" }
}
