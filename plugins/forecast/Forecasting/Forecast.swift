/// Point forecasts and a prediction interval for consecutive days.
public struct Forecast: Sendable, Hashable, Codable {
    /// First forecast day, as days since 1970-01-01.
    public let start: Int
    /// Point forecast per day.
    public let mean: [Double]
    /// Lower interval bound per day.
    public let lower: [Double]
    /// Upper interval bound per day.
    public let upper: [Double]
    /// Nominal coverage of `lower...upper`, e.g. 0.8.
    public let level: Double

    public init(start: Int, mean: [Double], lower: [Double], upper: [Double], level: Double) {
        self.start = start
        self.mean = mean
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// Number of forecast days.
    public var horizon: Int { mean.count }
}
