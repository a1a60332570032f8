/// One series' forecast from the pooled model: the values themselves, since the trees are shared by
/// all series (see ``PooledModel``). Beyond the days it holds it repeats its last week.
public struct PooledForecast: ForecastModel {
    public let version: FormatVersion
    public let forecastStart: Int
    /// The pooled model's point forecasts, one per day from ``forecastStart``.
    public let values: [Double]

    init(forecastStart: Int, values: [Double]) {
        self.version = .current
        self.forecastStart = forecastStart
        self.values = values.map { max(0, $0) }
    }

    public func predict(horizon: Int) -> [Double] {
        guard !values.isEmpty else { return [Double](repeating: 0, count: max(0, horizon)) }
        let week = min(7, values.count)
        return (0..<max(0, horizon)).map { step in
            step < values.count ? values[step] : values[values.count - week + (step - values.count) % week]
        }
    }
}
