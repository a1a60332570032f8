import EdgeCore
import Foundation

/// The table in which a database sink keeps, per shard of a partitioned source, the next
/// position it has not applied and the claim that owns the shard; read with a row lock and
/// written in the transaction of the rows a range carries (``WarehouseSink``).
public enum SourcePositions {
    /// `retail_edge_positions`: one row per sink, source and shard.
    public static let table = WarehouseTable(name: "retail_edge_positions", columns: [
        WarehouseColumn("sink", .string, .varchar(64)),
        WarehouseColumn("source", .string, .varchar(64)),
        WarehouseColumn("shard", .string, .varchar(255)),
        WarehouseColumn("next_position", .int, .bigint),
        WarehouseColumn("owner", .string, .varchar(64)),
        WarehouseColumn("updated_at", .timestamp, .timestamp),
    ], key: ["sink", "source", "shard"])

    /// A shard's stored row: the next position (`nil` when claimed but nothing applied yet) and
    /// the owning claim.
    public struct Stored: Sendable, Equatable {
        public var next: Int64?
        public var owner: String

        public init(next: Int64?, owner: String) {
            self.next = next
            self.owner = owner
        }
    }

    /// What to do with a range, given the shard's stored row.
    public enum Decision: Sendable, Equatable {
        case apply
        /// Another claim owns the shard: its reader applies these positions.
        case fenced
        /// Everything in the range was applied already (a replay).
        case applied
        /// Part of the range was applied already, under the same claim: its totals cannot be
        /// split, so it is skipped (only after a sink's stored position moved on its own, e.g. a
        /// restored database or one sink ahead of another).
        case overlaps
    }

    public static func decide(_ range: SourceRange, stored: Stored?) -> Decision {
        guard let stored else { return .apply }
        if stored.owner != range.owner { return .fenced }
        guard let next = stored.next else { return .apply }
        if range.to <= next { return .applied }
        if range.from < next { return .overlaps }
        return .apply
    }

    /// The stored row of a shard, locked until the transaction ends.
    static func read(_ connection: some SQLExecuting, dialect: some SQLDialect, sink: String, source: String, shard: String) throws -> Stored? {
        let filter = "WHERE \(dialect.quote("sink")) = \(dialect.literal(sink)) AND \(dialect.quote("source")) = \(dialect.literal(source))"
            + " AND \(dialect.quote("shard")) = \(dialect.literal(shard))"
        let qualified = dialect.qualified(table.name)
        guard let next = try connection.scalar("SELECT \(dialect.quote("next_position")) FROM \(qualified) \(filter)\(dialect.lockingRead)"),
              let owner = try connection.scalar("SELECT \(dialect.quote("owner")) FROM \(qualified) \(filter)") else { return nil }
        let position = Int64(next) ?? -1
        return Stored(next: position >= 0 ? position : nil, owner: owner)
    }

    /// The write that stores `rows` (shard, next position or `nil`, owner) for a sink and source.
    static func write(sink: String, source: String, _ rows: [(shard: String, next: Int64?, owner: String)]) -> WarehouseWrite {
        var sinks = ColumnBuilder(type: .string, capacity: rows.count), sources = ColumnBuilder(type: .string, capacity: rows.count)
        var shards = ColumnBuilder(type: .string, capacity: rows.count), positions = ColumnBuilder(type: .int, capacity: rows.count)
        var owners = ColumnBuilder(type: .string, capacity: rows.count), times = ColumnBuilder(type: .timestamp, capacity: rows.count)
        let now = Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
        for row in rows {
            sinks.append(string: sink)
            sources.append(string: source)
            shards.append(string: row.shard)
            positions.append(int: row.next ?? -1)
            owners.append(string: row.owner)
            times.append(int: now)
        }
        let batch = RecordBatch(schema: Schema(table.fields), columns: [
            sinks.finish(), sources.finish(), shards.finish(), positions.finish(), owners.finish(), times.finish(),
        ])
        return WarehouseWrite(table: table, batch: batch, onConflict: .update)
    }
}
