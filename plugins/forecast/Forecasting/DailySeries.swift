import CivilCalendar

/// A dense daily series of non-negative values starting at ``start``.
public struct DailySeries: Sendable, Hashable, Codable {
    /// How to treat days absent from a list of observations.
    public enum MissingDays: Sendable, Hashable {
        /// Missing days are zero demand (count data with no sale recorded).
        case zero
        /// Missing days are an error.
        case reject
    }

    /// First day, as days since 1970-01-01.
    public let start: Int
    /// One value per day from ``start``.
    public let values: [Double]

    /// Creates a series after checking that every value is finite and non-negative.
    public init(start: Int, values: [Double]) throws(ForecastError) {
        guard !values.isEmpty else { throw ForecastError(.emptySeries, "series has no values") }
        for (offset, value) in values.enumerated() {
            guard value.isFinite else {
                throw ForecastError(.nonFiniteValue, "value \(value) on \(CivilDate(daysSinceEpoch: start + offset))")
            }
            guard value >= 0 else {
                throw ForecastError(.negativeValue, "value \(value) on \(CivilDate(daysSinceEpoch: start + offset))")
            }
        }
        self.start = start
        self.values = values
    }

    /// Creates a series starting on a calendar date.
    public init(start: CivilDate, values: [Double]) throws(ForecastError) {
        try self.init(start: Int(start.daysSinceEpoch), values: values)
    }

    /// Builds a dense series from `(day, value)` pairs in any order; repeated days are summed and missing
    /// days are zero demand or an error, as the caller says.
    public init(observations: [(day: Int, value: Double)], missingDays: MissingDays) throws(ForecastError) {
        guard let first = observations.map(\.day).min(), let last = observations.map(\.day).max() else {
            throw ForecastError(.emptySeries, "no observations")
        }
        var values = [Double](repeating: 0, count: last - first + 1)
        var seen = [Bool](repeating: false, count: values.count)
        for observation in observations {
            values[observation.day - first] += observation.value
            seen[observation.day - first] = true
        }
        if missingDays == .reject, let gap = seen.firstIndex(of: false) {
            throw ForecastError(.missingDays, "no observation on \(CivilDate(daysSinceEpoch: first + gap))")
        }
        try self.init(start: first, values: values)
    }

    /// Builds a dense series from `(date, value)` pairs; missing days are zero or an error, as the caller says.
    public init(observations: [(date: CivilDate, value: Double)], missingDays: MissingDays) throws(ForecastError) {
        try self.init(observations: observations.map { (day: Int($0.date.daysSinceEpoch), value: $0.value) }, missingDays: missingDays)
    }

    /// Decodes a saved series, rejecting negative and non-finite values like the other initialisers.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(start: container.decode(Int.self, forKey: .start), values: container.decode([Double].self, forKey: .values))
    }

    /// Last day, as days since 1970-01-01.
    public var end: Int { start + values.count - 1 }

    /// The first `count` days.
    func prefix(_ count: Int) -> DailySeries {
        DailySeries(unchecked: start, Array(values.prefix(count)))
    }

    /// The series from its first non-zero day when the leading zeros are a longer run than any gap between
    /// sales after it (a product not yet on sale, not a slow seller); otherwise the series unchanged.
    func droppingLaunchZeros() -> DailySeries {
        guard let first = values.firstIndex(where: { $0 != 0 }), first > 0 else { return self }
        var longestGap = 0, gap = 0
        for value in values[first...] {
            gap = value == 0 ? gap + 1 : 0
            longestGap = max(longestGap, gap)
        }
        return first > longestGap ? DailySeries(unchecked: start + first, Array(values[first...])) : self
    }

    private init(unchecked start: Int, _ values: [Double]) {
        self.start = start
        self.values = values
    }
}
