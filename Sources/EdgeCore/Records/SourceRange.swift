/// The stretch of one shard of a partitioned source (a Kafka partition) that a batch's rows
/// come from: positions `from..<to`, read under the claim `owner` (``ShardClaim``). A sink that
/// keeps positions (``PositionKeepingSink``) applies a range once, in the transaction that
/// advances the shard's stored position, and only while `owner` still holds the shard.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    /// The source stage that read the rows.
    public var source: String
    /// The shard within the source (`topic:partition`).
    public var shard: String
    public var from: Int64
    public var to: Int64
    /// The claim the rows were read under.
    public var owner: String

    public init(source: String, shard: String, from: Int64, to: Int64, owner: String) {
        self.source = source
        self.shard = shard
        self.from = from
        self.to = to
        self.owner = owner
    }

    /// The range covering `self` and then `next`, if `next` starts where `self` ends under the
    /// same claim.
    public func followed(by next: SourceRange) -> SourceRange? {
        guard next.source == source, next.shard == shard, next.owner == owner, next.from == to else { return nil }
        return SourceRange(source: source, shard: shard, from: from, to: next.to, owner: owner)
    }

    public var description: String { "\(source)/\(shard) [\(from), \(to))" }
}
