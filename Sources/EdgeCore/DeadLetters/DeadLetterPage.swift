/// Letters of one stage, newest first, and where the next older page starts.
public struct DeadLetterPage: Sendable, Equatable {
    public var stage: String
    public var letters: [DeadLetter]
    /// The cursor for older letters (`before=`); nil once the start of the file was reached.
    public var before: UInt64?
    /// Bytes of the file this page read.
    public var scannedBytes: Int
    /// Size of the file when it was read.
    public var fileBytes: UInt64

    public init(stage: String, letters: [DeadLetter], before: UInt64?, scannedBytes: Int, fileBytes: UInt64) {
        self.stage = stage
        self.letters = letters
        self.before = before
        self.scannedBytes = scannedBytes
        self.fileBytes = fileBytes
    }
}
