/// Repeats the last observed week.
public struct SeasonalNaiveModel: ForecastModel {
    public static let period = 7

    public let version: FormatVersion
    public let forecastStart: Int
    /// The last `period` observations, oldest first.
    let lastSeason: [Double]

    /// Fits the model; needs at least one full week.
    public static func fit(_ series: DailySeries) throws(ForecastError) -> SeasonalNaiveModel {
        guard series.values.count >= period else {
            throw ForecastError(.insufficientHistory, "seasonal naive needs \(period) days, series has \(series.values.count)")
        }
        return SeasonalNaiveModel(version: .current, forecastStart: series.end + 1, lastSeason: Array(series.values.suffix(period)))
    }

    public func predict(horizon: Int) -> [Double] {
        (0..<max(0, horizon)).map { lastSeason[$0 % SeasonalNaiveModel.period] }
    }
}
