/// What a source learns when it takes shards over (``SourceContext/claim(shards:)``): the token
/// its batches' ranges carry from now on, and where the sinks that keep positions stand.
public struct ShardClaim: Sendable, Equatable {
    /// Tags the ``SourceRange``s read under this claim; sinks apply no range of an older claim
    /// of the same shard.
    public var owner: String
    /// Per shard, the lowest next position among the sinks that keep positions; a shard no
    /// such sink has seen is absent.
    public var positions: [String: Int64]
    /// How many sinks downstream keep positions (0: the claim is only a token).
    public var keepers: Int

    public init(owner: String, positions: [String: Int64], keepers: Int) {
        self.owner = owner
        self.positions = positions
        self.keepers = keepers
    }
}
