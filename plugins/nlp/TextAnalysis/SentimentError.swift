/// An error from training, updating, saving or loading a sentiment model, or finding a file
/// shipped with the text analysis (a model, a word list).
public struct SentimentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, stable across releases.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// No training examples were given.
        public static let emptyTrainingSet = Code("emptyTrainingSet")
        /// Texts and labels differ in number.
        public static let mismatchedCounts = Code("mismatchedCounts")
        /// A label is not one the model knows.
        public static let unknownLabel = Code("unknownLabel")
        /// A model file is truncated or malformed.
        public static let malformedModelFile = Code("malformedModelFile")
        /// A shipped file (model, word list) is not where it is looked for, or cannot be read.
        public static let missingShippedFile = Code("missingShippedFile")
        /// A model file was written by an unsupported format version.
        public static let unsupportedModelVersion = Code("unsupportedModelVersion")

        public var description: String { name }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
