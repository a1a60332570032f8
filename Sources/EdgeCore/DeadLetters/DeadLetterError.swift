/// A dead-letter file that cannot be read, or letters that cannot be exported as asked.
public struct DeadLetterError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable { case unreadable, unknownStage, nothingToExport, mixedHeaders }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// The file exists but cannot be opened or read.
        public static let unreadable = Code(.unreadable)
        /// The configuration has no flow stage of that id.
        public static let unknownStage = Code(.unknownStage)
        /// No letter (of the chosen source file) carries raw text to export.
        public static let nothingToExport = Code(.nothingToExport)
        /// The letters come from files with different header lines, which no one file can hold.
        public static let mixedHeaders = Code(.mixedHeaders)
        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
