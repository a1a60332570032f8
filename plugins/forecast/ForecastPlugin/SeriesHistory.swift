import EdgeCore

/// Daily values of every series (store × product) the `forecast` transform has seen, kept dense
/// from each series' first day (missing days count as zero sales), with the day's covariates
/// (NaN where unknown), bounded to the last `maxDays`, and which series have changed since they
/// were last trained; and the planned covariates (promotions) by series and day, which may run
/// past the history.
struct SeriesHistory: Sendable {
    struct Series: Sendable, Equatable {
        var store: String
        var product: String
        /// Days since the epoch of `values[0]`.
        var start: Int32
        var values: [Double]
        /// One array per ``SeriesHistory/covariateNames`` entry, aligned with `values`.
        var covariates: [[Double]]
        var changed: Bool

        var end: Int32 { start + Int32(values.count) - 1 }
    }

    var series: [Series] = []
    private var index: [String: Int] = [:]
    let maxDays: Int
    /// The covariates read from the daily rows, kept per day.
    let covariateNames: [String]
    /// The covariates read from plan inputs.
    let plannedNames: [String]
    /// Per planned covariate: series key → day → value.
    private(set) var planned: [[String: [Int32: Double]]]
    /// Per planned covariate: the last day its plans have listed (days up to it that no plan
    /// lists are 0; later days unknown).
    private(set) var plannedEnd: [Int32?]

    init(maxDays: Int, covariateNames: [String] = [], plannedNames: [String] = []) {
        self.maxDays = maxDays
        self.covariateNames = covariateNames
        self.plannedNames = plannedNames
        self.planned = plannedNames.map { _ in [:] }
        self.plannedEnd = plannedNames.map { _ in nil }
    }

    static func key(_ store: String, _ product: String) -> String { store + "\u{1F}" + product }

    /// The last day any series has.
    var lastDay: Int32? { series.map(\.end).max() }

    /// Sets a day's value and covariates (daily totals arrive as absolute values, so a later one
    /// replaces); `covariates` follows ``covariateNames``.
    mutating func set(store: String, product: String, day: Int32, value: Double, covariates: [Double] = []) {
        let key = Self.key(store, product)
        guard let position = index[key] else {
            index[key] = series.count
            series.append(Series(store: store, product: product, start: day, values: [value], covariates: covariates.map { [$0] }, changed: true))
            return
        }
        var entry = series[position]
        if day < entry.start {
            let count = Int(entry.start - day)
            entry.values.insert(contentsOf: repeatElement(0, count: count), at: 0)
            for c in entry.covariates.indices { entry.covariates[c].insert(contentsOf: repeatElement(.nan, count: count), at: 0) }
            entry.start = day
        } else if day > entry.end {
            let count = Int(day - entry.end)
            entry.values.append(contentsOf: repeatElement(0, count: count))
            for c in entry.covariates.indices { entry.covariates[c].append(contentsOf: repeatElement(.nan, count: count)) }
        }
        let offset = Int(day - entry.start)
        if entry.values[offset] != value {
            entry.values[offset] = value
            entry.changed = true
        }
        for (c, covariate) in covariates.enumerated() where !entry.covariates[c][offset].isSame(as: covariate) {
            entry.covariates[c][offset] = covariate
            entry.changed = true
        }
        if entry.values.count > maxDays {
            let drop = entry.values.count - maxDays
            entry.values.removeFirst(drop)
            for c in entry.covariates.indices { entry.covariates[c].removeFirst(drop) }
            entry.start += Int32(drop)
        }
        series[position] = entry
    }

    /// Records a planned covariate's value for a series' day (a later plan replaces); the series,
    /// if known, must be retrained.
    mutating func plan(store: String, product: String, day: Int32, covariate: Int, value: Double) {
        let key = Self.key(store, product)
        guard planned[covariate][key]?[day].map({ !$0.isSame(as: value) }) ?? true else { return }
        planned[covariate][key, default: [:]][day] = value
        plannedEnd[covariate] = max(plannedEnd[covariate] ?? day, day)
        if let position = index[key] { series[position].changed = true }
    }

    /// Planned covariate `covariate` of `entry` from its first day through `through` (at least):
    /// listed values, 0 on unlisted days up to the plans' last day, NaN after.
    func plannedValues(_ covariate: Int, of entry: Series, through: Int32) -> [Double] {
        let end = max(through, plannedEnd[covariate] ?? through)
        let days = planned[covariate][Self.key(entry.store, entry.product)] ?? [:]
        return (entry.start...end).map { day in days[day] ?? (day <= (plannedEnd[covariate] ?? .min) ? 0 : .nan) }
    }

    /// Marks every series trained, and drops the plans of days before any series' window.
    mutating func markTrained() {
        for position in series.indices { series[position].changed = false }
        guard let first = series.map(\.start).min() else { return }
        for covariate in planned.indices {
            planned[covariate] = planned[covariate].compactMapValues { days in
                let kept = days.filter { $0.key >= first }
                return kept.isEmpty ? nil : kept
            }
        }
    }

    /// A compact binary form for checkpoints (version 2: the covariate names, then each series'
    /// covariates after its values, then the planned covariates; version 1 had neither).
    func encoded() -> [UInt8] {
        var out: [UInt8] = [2]
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func string(_ s: String) { u32(UInt32(s.utf8.count)); out.append(contentsOf: s.utf8) }
        func doubles(_ values: [Double]) { for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { out.append(contentsOf: $0) } } }
        u32(UInt32(covariateNames.count))
        covariateNames.forEach(string)
        u32(UInt32(series.count))
        for entry in series {
            string(entry.store)
            string(entry.product)
            u32(UInt32(bitPattern: entry.start))
            out.append(entry.changed ? 1 : 0)
            u32(UInt32(entry.values.count))
            doubles(entry.values)
            entry.covariates.forEach(doubles)
        }
        u32(UInt32(plannedNames.count))
        for (covariate, name) in plannedNames.enumerated() {
            string(name)
            u32(UInt32(bitPattern: plannedEnd[covariate] ?? .min))
            let entries = planned[covariate].sorted { $0.key < $1.key }.flatMap { key, days in days.sorted { $0.key < $1.key }.map { (key, $0.key, $0.value) } }
            u32(UInt32(entries.count))
            for (key, day, value) in entries {
                string(key)
                u32(UInt32(bitPattern: day))
                doubles([value])
            }
        }
        return out
    }

    /// Restores a checkpoint of either version; covariates the checkpoint lacks (a version 1
    /// state, or a name added to the option since) are unknown (NaN) on its days.
    init(decoding bytes: [UInt8], maxDays: Int, covariateNames: [String] = [], plannedNames: [String] = []) throws {
        self.init(maxDays: maxDays, covariateNames: covariateNames, plannedNames: plannedNames)
        var position = 0
        func take(_ count: Int) throws -> ArraySlice<UInt8> {
            guard count >= 0, position + count <= bytes.count else { throw ForecastStateError(reason: "truncated") }
            defer { position += count }
            return bytes[position..<(position + count)]
        }
        func u32() throws -> UInt32 { try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) } }
        func string() throws -> String { String(decoding: try take(Int(try u32())), as: UTF8.self) }
        func doubles(_ count: Int) throws -> [Double] {
            var values: [Double] = []
            values.reserveCapacity(min(count, (bytes.count - position) / 8))
            for _ in 0..<count {
                let bits = try take(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                values.append(Double(bitPattern: bits))
            }
            return values
        }
        let version = try take(1).first
        guard version == 1 || version == 2 else { throw ForecastStateError(reason: "unknown version") }
        var stored: [String] = []
        if version == 2 { for _ in 0..<(try u32()) { stored.append(try string()) } }
        for _ in 0..<(try u32()) {
            let store = try string(), product = try string()
            let start = Int32(bitPattern: try u32())
            let changed = try take(1).first == 1
            let count = Int(try u32())
            let values = try doubles(count)
            var storedCovariates: [String: [Double]] = [:]
            for name in stored { storedCovariates[name] = try doubles(count) }
            let covariates = covariateNames.map { storedCovariates[$0] ?? Array(repeating: .nan, count: count) }
            index[Self.key(store, product)] = series.count
            series.append(Series(store: store, product: product, start: start, values: values, covariates: covariates, changed: changed))
        }
        guard version == 2 else { return }
        for _ in 0..<(try u32()) {
            let name = try string()
            let end = Int32(bitPattern: try u32())
            let count = Int(try u32())
            let covariate = plannedNames.firstIndex(of: name)
            if let covariate, end != .min { plannedEnd[covariate] = end }
            for _ in 0..<count {
                let key = try string(), day = Int32(bitPattern: try u32()), value = try doubles(1)[0]
                if let covariate { planned[covariate][key, default: [:]][day] = value }
            }
        }
    }
}

extension Double {
    /// Equal, or both NaN (an unknown covariate stays unknown, not changed).
    func isSame(as other: Double) -> Bool { self == other || (isNaN && other.isNaN) }
}
