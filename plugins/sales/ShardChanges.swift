import EdgeCore

/// With `emit: changes`: the changes of one shard of a partitioned source since its last emit,
/// and the positions they cover.
struct ShardChanges {
    var range: SourceRange
    var table = SalesTable()
    /// Entries in arrival order (every entry of `table`).
    var dirty: [Int] = []

    init(range: SourceRange) {
        self.range = range
    }

    mutating func add(_ rows: SalesRows) {
        rows.add(into: &table, dirty: &dirty)
    }
}
