import EdgeCore
import Foundation
import RetailWarehouse

/// Daily totals per (date, store, product): units, revenue (units × unit price) and lines.
/// With `emit: totals` it keeps every total in its checkpointed state and emits the absolute
/// totals of the keys that changed at each checkpoint barrier and at the end, so sinks can
/// upsert idempotently and a day spanning batches or files is one row with the full totals.
/// With `emit: changes` it emits, per shard of a partitioned source, what changed since its
/// previous emit, tagged with the positions it covers (``SourceRange``): database sinks add
/// these once, so agents sharing partitions (or taking them over) sum into one central table.
///
/// Days are the store's business days: a timestamp with an offset is placed in the store's
/// zone (``StoreTimeZones``), a naive one counts on its written date. The checkpoint keeps the
/// zone of every store counted; a restore under another zone is refused.
struct AggregateSales: TransformStage {
    enum DaySource: Sendable {
        case date(Int)
        case timestamp(Int)
    }

    /// What is emitted: absolute totals, or changes per source shard.
    enum Output: String, Sendable {
        case totals, changes
    }

    let daySource: DaySource
    let storeColumn: Int
    let productColumn: Int
    let unitsColumn: Int
    /// `nil` when the input has no prices (revenue stays 0).
    let priceColumn: Int?
    let batchRows: Int
    /// Changed keys that trigger a flush without waiting for a barrier.
    let maxPendingKeys: Int
    let zones: StoreTimeZones
    /// Named in the error when a restore is refused.
    let checkpointDirectory: String
    let output: Output
    /// Days kept per store before its newest day (0: every day); older totals leave the state at
    /// a checkpoint, and later rows for them are dead-lettered.
    let retentionDays: Int

    private var table = SalesTable()
    /// By store id: the newest day seen (capped at the day after tomorrow, so a mistyped year
    /// cannot push every day out), and the newest day whose totals were dropped (rows on or
    /// before it are too late). `Int32.min` when none.
    private var newestDays: [Int32] = []
    private var droppedThrough: [Int32] = []
    /// Indices of entries changed since the last flush.
    private var dirty: [Int] = []
    /// With `emit: changes`: the changes of each shard since its last emit, in arrival order.
    var changes: [ShardChanges] = []
    var stores = ByteInterner()
    var products = ByteInterner()
    /// One clock per zone in use, and each interned store's clock (-1 until first seen).
    private var clocks: [LocalDayClock] = []
    private var storeClocks: [Int] = []

    init(daySource: DaySource, storeColumn: Int, productColumn: Int, unitsColumn: Int, priceColumn: Int?, batchRows: Int, maxPendingKeys: Int, zones: StoreTimeZones,
         checkpointDirectory: String, output: Output = .totals, retentionDays: Int = 0) {
        self.output = output
        self.retentionDays = retentionDays
        self.maxPendingKeys = maxPendingKeys
        self.zones = zones
        self.checkpointDirectory = checkpointDirectory
        self.daySource = daySource
        self.storeColumn = storeColumn
        self.productColumn = productColumn
        self.unitsColumn = unitsColumn
        self.priceColumn = priceColumn
        self.batchRows = batchRows
    }

    mutating func process(_ batch: RecordBatch, input: Int, context: StageContext) async throws -> [RecordBatch] {
        let count = batch.count
        let storeColumn = batch.columns[self.storeColumn]
        let productColumn = batch.columns[self.productColumn]
        let storeIds = Self.ids(storeColumn, &stores)
        let productIds = Self.ids(productColumn, &products)
        let days: [Int32]
        let dayColumn: Column
        switch daySource {
        case .date(let index):
            dayColumn = batch.columns[index]
            guard case .date(let values) = dayColumn.values else { throw AggregateSalesError.columnType("date") }
            days = values
        case .timestamp(let index):
            dayColumn = batch.columns[index]
            switch dayColumn.values {
            case .timestamp(let values): days = localDays(values, dayColumn, storeIds)
            case .date(let values): days = values
            default: throw AggregateSalesError.columnType("timestamp")
            }
        }
        let units = Self.doubles(batch.columns[unitsColumn])
        // Without a price column every line's revenue is 0.
        let prices = priceColumn.map { Self.doubles(batch.columns[$0]) }
            ?? NumericView(doubles: [Double](repeating: 0, count: count), ints: [], validity: nil)
        // Rows without a date, store or product are dead-lettered, not counted.
        var incomplete: [Bool]?
        if dayColumn.validity != nil || storeColumn.validity != nil || productColumn.validity != nil {
            var mask = [Bool](repeating: false, count: count)
            for row in 0..<count where dayColumn.isNull(row) || storeColumn.isNull(row) || productColumn.isNull(row) {
                mask[row] = true
                var letter: [String: any Sendable] = ["reason": "row without date, store or product", "row": batch.row(row).map(\.description)]
                if let provenance = batch.provenance {
                    letter["file"] = provenance.origin
                    letter["lines"] = "\(provenance.first)-\(provenance.last)"
                }
                context.deadLetter(letter)
            }
            incomplete = mask
        }
        if retentionDays > 0 { skipLateRows(days, storeIds, batch, context: context, skipped: &incomplete) }
        let rows = SalesRows(days: days, stores: storeIds, products: productIds, units: units, prices: prices, incomplete: incomplete)
        if output == .changes { return try addChanges(rows, of: batch) }
        rows.add(into: &table, dirty: &dirty)
        return dirty.count >= maxPendingKeys ? emitDirty() : []
    }

    /// Dead-letters (and marks in `skipped`) the rows of days whose totals left the state, and
    /// advances each store's newest day.
    private mutating func skipLateRows(_ days: [Int32], _ storeIds: [Int32], _ batch: RecordBatch, context: StageContext, skipped: inout [Bool]?) {
        if newestDays.count < stores.count {
            newestDays += repeatElement(Int32.min, count: stores.count - newestDays.count)
            droppedThrough += repeatElement(Int32.min, count: stores.count - droppedThrough.count)
        }
        let latest = Int32(Date().timeIntervalSince1970 / 86_400) + 2
        for row in days.indices where !(skipped?[row] ?? false) {
            let store = Int(storeIds[row]), day = days[row]
            if day <= droppedThrough[store] {
                if skipped == nil { skipped = [Bool](repeating: false, count: days.count) }
                skipped?[row] = true
                var letter: [String: any Sendable] = [
                    "reason": """
                        day \(CivilDate(daysSinceEpoch: day)) is more than retention_days (\(retentionDays)) before store \
                        \(stores.string(storeIds[row]))'s newest day \(CivilDate(daysSinceEpoch: newestDays[store])): its totals left the state, \
                        and counting the row alone would replace the stored total with a partial one
                        """,
                    "row": batch.row(row).map(\.description),
                ]
                if let provenance = batch.provenance {
                    letter["file"] = provenance.origin
                    letter["lines"] = "\(provenance.first)-\(provenance.last)"
                }
                context.deadLetter(letter)
            } else if day > newestDays[store] {
                newestDays[store] = min(day, latest)
            }
        }
    }

    /// Drops the (emitted, clean) totals of days more than `retentionDays` before their store's
    /// newest day.
    private mutating func dropExpiredDays() {
        guard retentionDays > 0, dirty.isEmpty else { return }
        for store in newestDays.indices where newestDays[store] != Int32.min {
            droppedThrough[store] = max(droppedThrough[store], newestDays[store] - Int32(retentionDays) - 1)
        }
        let dropped = droppedThrough
        func expired(_ key: SalesKey) -> Bool { Int(key.store) < dropped.count && key.day <= dropped[Int(key.store)] }
        guard table.keys.contains(where: expired) else { return }
        var kept = SalesTable()
        for (key, total) in zip(table.keys, table.totals) where !expired(key) {
            kept.totals[kept.index(of: key)] = total
        }
        table = kept
    }

    /// The business day of each timestamp: a naive one's written date, else its date in the
    /// zone of the row's store.
    private mutating func localDays(_ micros: [Int64], _ column: Column, _ storeIds: [Int32]) -> [Int32] {
        var days = [Int32](repeating: 0, count: micros.count)
        for row in micros.indices {
            if column.isNaive(row) {
                days[row] = Timestamps.day(ofMicroseconds: micros[row])
            } else {
                let clock = clockIndex(ofStore: storeIds[row])
                days[row] = clocks[clock].day(ofInstant: micros[row])
            }
        }
        return days
    }

    @inline(__always)
    private mutating func clockIndex(ofStore id: Int32) -> Int {
        let store = Int(id)
        if store < storeClocks.count, storeClocks[store] >= 0 { return storeClocks[store] }
        if store >= storeClocks.count { storeClocks += repeatElement(-1, count: store + 1 - storeClocks.count) }
        let zone = zones.zone(ofStore: stores.string(id))
        let index = clocks.firstIndex { $0.zone.identifier == zone.identifier } ?? {
            clocks.append(LocalDayClock(zone))
            return clocks.count - 1
        }()
        storeClocks[store] = index
        return index
    }

    /// The zone each store's days are counted in; empty when days come from a date column.
    private func zoneName(ofStore store: String) -> String {
        if case .date = daySource { return "" }
        return zones.zone(ofStore: store).identifier
    }

    mutating func flush(_ context: StageContext) async throws -> [RecordBatch] {
        if output == .changes { return emitChanges() }
        let batches = emitDirty()
        dropExpiredDays()
        return batches
    }

    /// The absolute totals of every key changed since the last emit, sorted by key.
    private mutating func emitDirty() -> [RecordBatch] {
        let batches = Self.rows(of: &table, dirty: &dirty, stores: &stores, products: &products, batchRows: batchRows, schema: RecordKind.salesDaily, provenance: nil)
        dirty.removeAll(keepingCapacity: true)
        return batches
    }

    /// Batches of the entries of `table` at `dirty` (sorted by key on return), `batchRows` rows
    /// at most each; the entries are marked clean.
    static func rows(of table: inout SalesTable, dirty: inout [Int], stores: inout ByteInterner, products: inout ByteInterner, batchRows: Int,
                     schema: Schema, provenance: Provenance?) -> [RecordBatch] {
        guard !dirty.isEmpty else { return [] }
        let keys = table.keys
        dirty.sort { keys[$0] < keys[$1] }
        var batches: [RecordBatch] = []
        var start = 0
        while start < dirty.count {
            let end = min(start + batchRows, dirty.count)
            var dates = ColumnBuilder(type: .date, capacity: end - start)
            var storeIds = ColumnBuilder(type: .string, capacity: end - start)
            var productIds = ColumnBuilder(type: .string, capacity: end - start)
            var units = ColumnBuilder(type: .double, capacity: end - start)
            var revenue = ColumnBuilder(type: .double, capacity: end - start)
            var lines = ColumnBuilder(type: .int, capacity: end - start)
            for index in dirty[start..<end] {
                table.markClean(index)
                let key = keys[index]
                let total = table.totals[index]
                dates.append(date: key.day)
                storeIds.append(string: stores.string(key.store))
                productIds.append(string: products.string(key.product))
                units.append(double: total.units)
                revenue.append(double: total.revenue)
                lines.append(int: total.lines)
            }
            batches.append(RecordBatch(schema: schema, columns: [
                dates.finish(), storeIds.finish(), productIds.finish(), units.finish(), revenue.finish(), lines.finish(),
            ], provenance: provenance))
            start = end
        }
        return batches
    }

    func snapshot() throws -> [UInt8]? {
        var stores = self.stores, products = self.products
        var writer = StateWriter(capacity: 64 + table.count * 37 + (stores.count + products.count) * 16)
        writer.write(UInt32(4))
        let storeNames = stores.allStrings(), productNames = products.allStrings()
        writer.write(UInt32(storeNames.count))
        for (id, name) in storeNames.enumerated() {
            writer.write(name)
            writer.write(zoneName(ofStore: name))
            writer.write(id < newestDays.count ? newestDays[id] : Int32.min)
            writer.write(id < droppedThrough.count ? droppedThrough[id] : Int32.min)
        }
        writer.write(UInt32(productNames.count))
        for name in productNames { writer.write(name) }
        writer.write(UInt64(table.count))
        for (index, (key, total)) in zip(table.keys, table.totals).enumerated() {
            writer.write(key.day)
            writer.write(key.store)
            writer.write(key.product)
            writer.write(total.units)
            writer.write(total.revenue)
            writer.write(total.lines)
            writer.write(UInt8(table.isDirty(index) ? 1 : 0))
        }
        return writer.bytes
    }

    mutating func restore(_ state: [UInt8]) throws {
        var reader = StateReader(state)
        let version = try reader.read(UInt32.self)
        guard (2...4).contains(version) else { throw AggregateSalesError.stateVersion }
        var stores = ByteInterner()
        var newestDays: [Int32] = [], droppedThrough: [Int32] = []
        for _ in 0..<(try reader.read(UInt32.self)) {
            let store = try reader.readString()
            _ = stores.id(store)
            // Version 2 counted every store in UTC days; version 4 added the retention window.
            let counted = version == 2 ? "UTC" : try reader.readString()
            newestDays.append(version >= 4 ? try reader.read(Int32.self) : Int32.min)
            droppedThrough.append(version >= 4 ? try reader.read(Int32.self) : Int32.min)
            let configured = zoneName(ofStore: store)
            if !counted.isEmpty, !configured.isEmpty, counted != configured, !Self.sameZone(counted, configured) {
                throw AggregateSalesError.timeZoneChanged(store: store, counted: counted, configured: configured, checkpoints: checkpointDirectory)
            }
        }
        var products = ByteInterner()
        for _ in 0..<(try reader.read(UInt32.self)) { _ = products.id(try reader.readString()) }
        var table = SalesTable()
        var dirty: [Int] = []
        let count = Int(try reader.read(UInt64.self))
        table.reserve(count)
        for _ in 0..<count {
            let key = SalesKey(day: try reader.read(Int32.self), store: try reader.read(Int32.self), product: try reader.read(Int32.self))
            let total = SalesTotals(units: try reader.readDouble(), revenue: try reader.readDouble(), lines: try reader.read(Int64.self))
            let index = table.index(of: key)
            table.totals[index] = total
            if try reader.read(UInt8.self) == 1, table.markDirty(index) { dirty.append(index) }
        }
        self.stores = stores
        self.products = products
        self.table = table
        self.dirty = dirty
        self.newestDays = newestDays
        self.droppedThrough = droppedThrough
        storeClocks = []
    }

    /// Two names of one zone (`UTC` and `Etc/UTC`).
    private static func sameZone(_ a: String, _ b: String) -> Bool {
        utcNames.contains(a) && utcNames.contains(b)
    }

    private static let utcNames: Set<String> = [
        "UTC", "Etc/UTC", "GMT", "Etc/GMT", "Etc/GMT+0", "Etc/GMT-0", "Etc/GMT0", "GMT0", "Universal", "Etc/Universal", "Zulu", "Etc/Zulu", "UCT", "Etc/UCT", "Greenwich", "Etc/Greenwich",
    ]

    /// Numeric column values as doubles, with nulls.
    private static func doubles(_ column: Column) -> NumericView {
        switch column.values {
        case .double(let v): NumericView(doubles: v, ints: [], validity: column.validity)
        case .int(let v): NumericView(doubles: [], ints: v, validity: column.validity)
        default: NumericView(doubles: [], ints: [], validity: column.validity)
        }
    }

    /// Whether the `count` bytes at `a` and at `b` are equal (ids are short: a loop beats a call to `memcmp`).
    @inline(__always)
    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, count: Int) -> Bool {
        var i = 0
        while i < count {
            if bytes[a + i] != bytes[b + i] { return false }
            i += 1
        }
        return true
    }

    /// Interned ids of a key column (string, or int written as text).
    private static func ids(_ column: Column, _ interner: inout ByteInterner) -> [Int32] {
        var ids = [Int32](repeating: 0, count: column.count)
        switch column.values {
        case .string(let strings):
            strings.bytes.withUnsafeBufferPointer { bytes in
                strings.offsets.withUnsafeBufferPointer { offsets in
                    var previous: (start: Int, end: Int, id: Int32) = (0, -1, 0)
                    for row in 0..<ids.count {
                        let start = Int(offsets[row]), end = Int(offsets[row + 1])
                        let value = UnsafeBufferPointer(rebasing: bytes[start..<end])
                        // Runs of the same value (sorted exports) skip the lookup.
                        if end - start == previous.end - previous.start, Self.equal(bytes, start, previous.start, count: end - start) {
                            ids[row] = previous.id
                            continue
                        }
                        let id = interner.id(value)
                        ids[row] = id
                        previous = (start, end, id)
                    }
                }
            }
        default:
            for row in 0..<ids.count { ids[row] = interner.id(column.value(at: row).description) }
        }
        return ids
    }
}
