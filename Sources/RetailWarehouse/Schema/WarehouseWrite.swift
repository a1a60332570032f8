import EdgeCore

/// One batch of rows for one table, and what to do with rows whose key already exists.
public struct WarehouseWrite: Sendable {
    public enum Conflict: Sendable {
        /// Replace the existing row's other columns (facts, catalogue names).
        case update
        /// Keep the existing row (dimension members first seen in facts).
        case ignore
        /// Add the row's other columns to the existing row's (changes of additive totals,
        /// merged in the database whichever agent counted them).
        case add
    }

    public var table: WarehouseTable
    /// Columns in `table.columns` order.
    public var batch: RecordBatch
    public var onConflict: Conflict

    public init(table: WarehouseTable, batch: RecordBatch, onConflict: Conflict) {
        self.table = table
        self.batch = batch
        self.onConflict = onConflict
    }
}
