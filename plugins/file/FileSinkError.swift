import EdgeCore

/// A file the `file` sink cannot open or write.
public struct FileSinkError: TransientClassifying, Sendable, CustomStringConvertible {
    /// What failed.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable { case open, write, sync, notOpen }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// The file or its directory could not be created or opened.
        public static let open = Code(.open)
        /// Writing failed (disk full, I/O error).
        public static let write = Code(.write)
        /// fsync failed: the batch may not be durable.
        public static let sync = Code(.sync)
        /// A write came before `open` or after `close`.
        public static let notOpen = Code(.notOpen)
        public var description: String { base.rawValue }
    }

    public var code: Code
    public var path: String
    public var message: String

    /// Disk full and I/O errors may go away; the sink buffers and retries.
    public var isTransient: Bool { true }

    public var description: String { "\(path): \(message)" }
}
