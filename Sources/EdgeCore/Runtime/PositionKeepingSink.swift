/// A sink that stores, in its destination and in the same transaction as the rows, how far it
/// has applied each shard of a partitioned source, and which claim owns the shard. It applies a
/// batch carrying a ``SourceRange`` only if the range continues the stored position under the
/// owning claim, so a shard's rows count once whichever agent reads them and however often.
public protocol PositionKeepingSink: SinkStage {
    /// Takes `shards` of `source` over for the claim `owner` (ranges of earlier claims are
    /// skipped from now on); returns the shards' stored next positions (absent: none yet).
    func claim(source: String, shards: [String], owner: String) async throws -> [String: Int64]
}
