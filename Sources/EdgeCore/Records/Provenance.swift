/// Where the rows of a batch came from, for acknowledgements and error messages.
public struct Provenance: Sendable, Hashable {
    /// The source stage that read the rows.
    public var source: String
    /// A human-readable origin: a file path, or topic/partition.
    public var origin: String
    /// First and last input positions covered (line numbers for files, offsets for topics).
    public var first: Int64
    public var last: Int64

    public init(source: String, origin: String = "", first: Int64 = 0, last: Int64 = 0) {
        self.source = source
        self.origin = origin
        self.first = first
        self.last = last
    }
}
