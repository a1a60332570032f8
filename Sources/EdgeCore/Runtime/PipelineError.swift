/// Why a running pipeline stopped with an error.
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable { case stageFailed, shutdownTimedOut, checkpoint, incompatibleState }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// A stage kept failing past its restart limit.
        public static let stageFailed = Code(.stageFailed)
        /// Stages were still running when `shutdown_timeout` ran out.
        public static let shutdownTimedOut = Code(.shutdownTimedOut)
        /// A checkpoint could not be read or written.
        public static let checkpoint = Code(.checkpoint)
        /// A stage cannot continue from its checkpointed state under the current configuration
        /// (a changed time zone would split days already counted).
        public static let incompatibleState = Code(.incompatibleState)
        public var description: String { base.rawValue }
    }

    public var code: Code
    /// The stages concerned.
    public var stages: [String]
    public var message: String

    public init(code: Code, stages: [String], message: String) {
        self.code = code
        self.stages = stages
        self.message = message
    }

    public var description: String { message }
}
