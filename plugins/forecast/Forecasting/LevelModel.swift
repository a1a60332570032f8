/// Forecasts the mean of the last week (or of all days when fewer): the fallback for very short or constant series.
public struct LevelModel: ForecastModel {
    public static let window = 7

    public let version: FormatVersion
    public let forecastStart: Int
    public let level: Double

    public static func fit(_ series: DailySeries) -> LevelModel {
        let recent = series.values.suffix(window)
        return LevelModel(version: .current, forecastStart: series.end + 1, level: recent.reduce(0, +) / Double(recent.count))
    }

    public func predict(horizon: Int) -> [Double] {
        [Double](repeating: level, count: max(0, horizon))
    }
}
