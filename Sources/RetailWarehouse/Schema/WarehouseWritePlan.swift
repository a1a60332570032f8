import EdgeCore

/// What a sink writes, in order and in one transaction, to load one batch: the dimension
/// members it needs first, then its own rows. Hand it back to
/// ``WarehouseLoader/committed(_:)`` once the transaction committed.
public struct WarehouseWritePlan: Sendable {
    public var writes: [WarehouseWrite]
    /// Dimension keys the writes add, by dimension table.
    var newKeys: [String: Set<String>]
    /// The years `dim_date` covers once the writes committed.
    var coveredYears: ClosedRange<Int>?

    /// Makes the writes into `table` merge as `conflict` (`.add` for changes of totals).
    public mutating func merge(_ conflict: WarehouseWrite.Conflict, into table: WarehouseTable) {
        for index in writes.indices where writes[index].table.name == table.name { writes[index].onConflict = conflict }
    }
}
