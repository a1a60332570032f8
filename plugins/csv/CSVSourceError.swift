import EdgeCore

/// A CSV or JSON lines input that cannot be found, opened or read (as opposed to a bad row, which
/// is dead-lettered).
struct CSVSourceError: Error, CustomStringConvertible, TransientClassifying {
    struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable { case missingPath, unreadable }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// `run --once` on a path that does not exist: nothing to do, and retrying will not help.
        static let missingPath = Code(.missingPath)
        /// A file that cannot be opened, sought or read.
        static let unreadable = Code(.unreadable)
        var description: String { base.rawValue }
    }

    var code: Code = .unreadable
    var path: String
    var message: String
    var description: String { code == .missingPath ? message : "\(path): \(message)" }
    var isTransient: Bool { code != .missingPath }
}
