/// Rolling-origin evaluation of models on one series.
public enum Backtest: Sendable {
    /// For each of `origins` cut points `horizon` days apart (the last one `horizon` days before the end),
    /// fits each model on the days before the cut, forecasts the next `horizon` days and scores them all together.
    /// Models that cannot be fitted at any cut are left out of the result.
    public static func evaluate(_ series: DailySeries, models: [ModelKind], horizon: Int, origins: Int = 3,
                                configuration: ForecastConfiguration = .init()) throws(ForecastError) -> [ModelKind: ForecastMetrics] {
        guard horizon >= 1, origins >= 1 else { throw ForecastError(.invalidArgument, "horizon and origins must be at least 1") }
        let cuts = (1...origins).map { series.values.count - $0 * horizon }.filter { $0 >= 1 }.sorted()
        guard let firstCut = cuts.first else {
            throw ForecastError(.insufficientHistory, "\(series.values.count) days leave no training data for horizon \(horizon)")
        }
        var results: [ModelKind: ForecastMetrics] = [:]
        for kind in models {
            var configuration = configuration
            configuration.model = kind
            var actual: [Double] = [], mean: [Double] = [], lower: [Double] = [], upper: [Double] = []
            for cut in cuts {
                guard let forecaster = try? Forecaster.fit(series.prefix(cut), horizon: horizon, configuration: configuration) else { continue }
                let forecast = forecaster.forecast(horizon: horizon)
                actual += series.values[cut..<(cut + horizon)]
                mean += forecast.mean
                lower += forecast.lower
                upper += forecast.upper
            }
            if !actual.isEmpty {
                results[kind] = ForecastMetrics(actual: actual, forecast: mean, lower: lower, upper: upper,
                                                history: Array(series.values.prefix(firstCut)))
            }
        }
        return results
    }
}
