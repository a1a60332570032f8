import EdgeCore
import RetailWarehouse

extension AggregateSales {
    /// With `emit: changes` each batch covers exactly its range.
    var keepsSourceRanges: Bool { output == .changes }

    /// Adds a batch's rows to the changes of its shard. A batch that does not continue the
    /// shard's range (the shard was claimed anew, or read again from another position) first
    /// emits the changes gathered so far, under their own range.
    mutating func addChanges(_ rows: SalesRows, of batch: RecordBatch) throws -> [RecordBatch] {
        guard let range = batch.provenance?.range else {
            throw AggregateSalesError.noSourceRange(origin: batch.provenance.map { "\($0.source) \($0.origin)" } ?? "an input")
        }
        var emitted: [RecordBatch] = []
        let index: Int
        if let found = changes.firstIndex(where: { $0.range.source == range.source && $0.range.shard == range.shard }) {
            if let joined = changes[found].range.followed(by: range) {
                changes[found].range = joined
                index = found
            } else {
                let finished = changes.remove(at: found)
                emitted += emit(finished)
                changes.append(ShardChanges(range: range))
                index = changes.count - 1
            }
        } else {
            changes.append(ShardChanges(range: range))
            index = changes.count - 1
        }
        changes[index].add(rows)
        if changes.reduce(0, { $0 + $1.table.count }) >= maxPendingKeys { emitted += emitChanges() }
        return emitted
    }

    /// Every shard's changes, one batch per shard (a range is applied whole, in one
    /// transaction), in shard order; then none are pending.
    mutating func emitChanges() -> [RecordBatch] {
        let pending = changes.sorted { ($0.range.source, $0.range.shard) < ($1.range.source, $1.range.shard) }
        changes.removeAll()
        return pending.flatMap { emit($0) }
    }

    private mutating func emit(_ shard: ShardChanges) -> [RecordBatch] {
        var shard = shard
        let provenance = Provenance(source: shard.range.source, origin: shard.range.shard, first: shard.range.from, last: shard.range.to - 1, range: shard.range)
        return Self.rows(of: &shard.table, dirty: &shard.dirty, stores: &stores, products: &products, batchRows: Int.max,
                         schema: RecordKind.salesDailyChange, provenance: provenance)
    }
}
