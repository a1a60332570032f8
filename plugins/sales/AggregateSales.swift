import EdgeCore

/// Daily totals per (date, store, product): units, revenue (units × unit price) and lines.
/// Keeps every total in its checkpointed state and emits the absolute totals of the keys that
/// changed at each checkpoint barrier and at the end, so sinks can upsert idempotently and a day
/// spanning batches or files is one row with the full totals.
struct AggregateSales: TransformStage {
    enum DaySource: Sendable {
        case date(Int)
        case timestamp(Int)
    }

    let daySource: DaySource
    let storeColumn: Int
    let productColumn: Int
    let unitsColumn: Int
    let priceColumn: Int
    let batchRows: Int

    private var totals: [SalesKey: SalesTotals] = [:]
    private var dirty: [SalesKey] = []
    private var stores = StringInterner()
    private var products = StringInterner()

    init(daySource: DaySource, storeColumn: Int, productColumn: Int, unitsColumn: Int, priceColumn: Int, batchRows: Int) {
        self.daySource = daySource
        self.storeColumn = storeColumn
        self.productColumn = productColumn
        self.unitsColumn = unitsColumn
        self.priceColumn = priceColumn
        self.batchRows = batchRows
    }

    mutating func process(_ batch: RecordBatch, input: Int, context: StageContext) async throws -> [RecordBatch] {
        let count = batch.count
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
            case .timestamp(let values): days = values.map(Timestamps.day(ofMicroseconds:))
            case .date(let values): days = values
            default: throw AggregateSalesError.columnType("timestamp")
            }
        }
        let storeColumn = batch.columns[self.storeColumn]
        let productColumn = batch.columns[self.productColumn]
        let units = Self.doubles(batch.columns[unitsColumn])
        let prices = Self.doubles(batch.columns[priceColumn])
        let storeNames = Self.strings(storeColumn)
        let productNames = Self.strings(productColumn)
        for row in 0..<count {
            if dayColumn.isNull(row) || storeColumn.isNull(row) || productColumn.isNull(row) {
                var letter: [String: any Sendable] = ["reason": "row without date, store or product", "row": batch.row(row).map(\.description)]
                if let provenance = batch.provenance {
                    letter["file"] = provenance.origin
                    letter["lines"] = "\(provenance.first)-\(provenance.last)"
                }
                context.deadLetter(letter)
                continue
            }
            let key = SalesKey(day: days[row], store: stores.id(storeNames(row)), product: products.id(productNames(row)))
            let unitCount = units[row]
            let price = prices[row]
            let lineUnits = units.isNull(row) ? 0 : unitCount
            let revenue = prices.isNull(row) ? 0 : lineUnits * price
            totals[key, default: SalesTotals()].add(units: lineUnits, revenue: revenue, key: key, dirty: &dirty)
        }
        return []
    }

    mutating func flush(_ context: StageContext) async throws -> [RecordBatch] {
        guard !dirty.isEmpty else { return [] }
        dirty.sort()
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
            for key in dirty[start..<end] {
                totals[key]!.dirty = false
                let total = totals[key]!
                dates.append(date: key.day)
                storeIds.append(string: stores[key.store])
                productIds.append(string: products[key.product])
                units.append(double: total.units)
                revenue.append(double: total.revenue)
                lines.append(int: total.lines)
            }
            batches.append(RecordBatch(schema: RecordKind.salesDaily, columns: [
                dates.finish(), storeIds.finish(), productIds.finish(), units.finish(), revenue.finish(), lines.finish(),
            ]))
            start = end
        }
        dirty.removeAll(keepingCapacity: true)
        return batches
    }

    func snapshot() throws -> [UInt8]? {
        var writer = StateWriter()
        writer.write(UInt32(1))
        writer.write(UInt32(stores.strings.count))
        for name in stores.strings { writer.write(name) }
        writer.write(UInt32(products.strings.count))
        for name in products.strings { writer.write(name) }
        writer.write(UInt64(totals.count))
        for (key, total) in totals {
            writer.write(key.day)
            writer.write(key.store)
            writer.write(key.product)
            writer.write(total.units)
            writer.write(total.revenue)
            writer.write(total.lines)
            writer.write(UInt8(total.dirty ? 1 : 0))
        }
        return writer.bytes
    }

    mutating func restore(_ state: [UInt8]) throws {
        var reader = StateReader(state)
        guard try reader.read(UInt32.self) == 1 else { throw AggregateSalesError.stateVersion }
        var stores = StringInterner()
        for _ in 0..<(try reader.read(UInt32.self)) { _ = stores.id(try reader.readString()) }
        var products = StringInterner()
        for _ in 0..<(try reader.read(UInt32.self)) { _ = products.id(try reader.readString()) }
        var totals: [SalesKey: SalesTotals] = [:]
        var dirty: [SalesKey] = []
        let count = try reader.read(UInt64.self)
        totals.reserveCapacity(Int(count))
        for _ in 0..<count {
            let key = SalesKey(day: try reader.read(Int32.self), store: try reader.read(Int32.self), product: try reader.read(Int32.self))
            let total = SalesTotals(units: try reader.readDouble(), revenue: try reader.readDouble(), lines: try reader.read(Int64.self), dirty: try reader.read(UInt8.self) == 1)
            if total.dirty { dirty.append(key) }
            totals[key] = total
        }
        self.stores = stores
        self.products = products
        self.totals = totals
        self.dirty = dirty
    }

    /// Numeric column values as doubles, with nulls.
    private static func doubles(_ column: Column) -> NumericView {
        switch column.values {
        case .double(let v): NumericView(doubles: v, ints: [], validity: column.validity)
        case .int(let v): NumericView(doubles: [], ints: v, validity: column.validity)
        default: NumericView(doubles: [], ints: [], validity: column.validity)
        }
    }

    /// A string view of a key column (string or int).
    private static func strings(_ column: Column) -> (Int) -> String {
        switch column.values {
        case .string(let v): { v[$0] }
        case .int(let v): { String(v[$0]) }
        default: { column.value(at: $0).description }
        }
    }
}

/// Reads an int or double column as doubles.
struct NumericView {
    let doubles: [Double]
    let ints: [Int64]
    let validity: [Bool]?

    @inline(__always)
    subscript(row: Int) -> Double { doubles.isEmpty ? Double(ints[row]) : doubles[row] }

    func isNull(_ row: Int) -> Bool { validity.map { !$0[row] } ?? false }
}

extension SalesTotals {
    @inline(__always)
    mutating func add(units: Double, revenue: Double, key: SalesKey, dirty list: inout [SalesKey]) {
        self.units += units
        self.revenue += revenue
        self.lines += 1
        if !dirty {
            dirty = true
            list.append(key)
        }
    }
}
