import EdgeCore

/// Daily values of every series (store × product) the `forecast` transform has seen, kept dense
/// from each series' first day (missing days count as zero sales), bounded to the last
/// `maxDays`, and which series have changed since they were last trained.
struct SeriesHistory: Sendable {
    struct Series: Sendable, Equatable {
        var store: String
        var product: String
        /// Days since the epoch of `values[0]`.
        var start: Int32
        var values: [Double]
        var changed: Bool

        var end: Int32 { start + Int32(values.count) - 1 }
    }

    var series: [Series] = []
    private var index: [String: Int] = [:]
    let maxDays: Int

    init(maxDays: Int) {
        self.maxDays = maxDays
    }

    /// The last day any series has.
    var lastDay: Int32? { series.map(\.end).max() }

    /// Sets a day's value (daily totals arrive as absolute values, so a later one replaces).
    mutating func set(store: String, product: String, day: Int32, value: Double) {
        let key = store + "\u{1F}" + product
        guard let position = index[key] else {
            index[key] = series.count
            series.append(Series(store: store, product: product, start: day, values: [value], changed: true))
            return
        }
        var entry = series[position]
        if day < entry.start {
            entry.values.insert(contentsOf: repeatElement(0, count: Int(entry.start - day)), at: 0)
            entry.start = day
        } else if day > entry.end {
            entry.values.append(contentsOf: repeatElement(0, count: Int(day - entry.end)))
        }
        let offset = Int(day - entry.start)
        if entry.values[offset] != value {
            entry.values[offset] = value
            entry.changed = true
        }
        if entry.values.count > maxDays {
            let drop = entry.values.count - maxDays
            entry.values.removeFirst(drop)
            entry.start += Int32(drop)
        }
        series[position] = entry
    }

    mutating func markTrained() {
        for position in series.indices { series[position].changed = false }
    }

    /// A compact binary form for checkpoints.
    func encoded() -> [UInt8] {
        var out: [UInt8] = [1]
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func string(_ s: String) { u32(UInt32(s.utf8.count)); out.append(contentsOf: s.utf8) }
        u32(UInt32(series.count))
        for entry in series {
            string(entry.store)
            string(entry.product)
            u32(UInt32(bitPattern: entry.start))
            out.append(entry.changed ? 1 : 0)
            u32(UInt32(entry.values.count))
            for value in entry.values { withUnsafeBytes(of: value.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        }
        return out
    }

    init(decoding bytes: [UInt8], maxDays: Int) throws {
        self.init(maxDays: maxDays)
        var position = 0
        func take(_ count: Int) throws -> ArraySlice<UInt8> {
            guard position + count <= bytes.count else { throw ForecastStateError(reason: "truncated") }
            defer { position += count }
            return bytes[position..<(position + count)]
        }
        func u32() throws -> UInt32 { try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) } }
        func string() throws -> String { String(decoding: try take(Int(try u32())), as: UTF8.self) }
        guard try take(1).first == 1 else { throw ForecastStateError(reason: "unknown version") }
        for _ in 0..<(try u32()) {
            let store = try string(), product = try string()
            let start = Int32(bitPattern: try u32())
            let changed = try take(1).first == 1
            let count = Int(try u32())
            var values: [Double] = []
            values.reserveCapacity(count)
            for _ in 0..<count {
                let bits = try take(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                values.append(Double(bitPattern: bits))
            }
            index[store + "\u{1F}" + product] = series.count
            series.append(Series(store: store, product: product, start: start, values: values, changed: changed))
        }
    }
}
