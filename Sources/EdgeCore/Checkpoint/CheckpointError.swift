/// A checkpoint that cannot be read or written.
public struct CheckpointError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable { case corrupt, io }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// The file exists but fails its checksum or format checks.
        public static let corrupt = Code(.corrupt)
        /// Reading or writing failed.
        public static let io = Code(.io)
        public var description: String { base.rawValue }
    }

    public var code: Code
    public var path: String
    public var message: String

    public init(code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
