/// Where the rows of a batch came from, for acknowledgements and error messages.
public struct Provenance: Sendable, Hashable {
    /// The source stage that read the rows.
    public var source: String
    /// A human-readable origin: a file path, or topic/partition.
    public var origin: String
    /// First and last input positions covered (line numbers for files, offsets for topics).
    public var first: Int64
    public var last: Int64
    /// For rows of one shard of a partitioned source: the positions they cover, so that a sink
    /// keeping positions applies them exactly once. Kept by transforms that say so.
    public var range: SourceRange?

    public init(source: String, origin: String = "", first: Int64 = 0, last: Int64 = 0, range: SourceRange? = nil) {
        self.source = source
        self.origin = origin
        self.first = first
        self.last = last
        self.range = range
    }
}
