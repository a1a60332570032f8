/// The ``ForecastEngine``'s answer for one series.
public struct SeriesResult: Sendable {
    /// A successful fit: the forecast and the fitted forecaster (chosen models, demand class, backtest metrics).
    public struct Success: Sendable {
        public let forecast: Forecast
        public let forecaster: Forecaster
    }

    public let id: String
    public let outcome: Result<Success, ForecastError>
    /// Wall time spent validating, fitting and forecasting this series.
    public let fitSeconds: Double
    /// Why `auto` went on without the pooled model (XGBoost missing or failing), or nil.
    public var pooledFailure: ForecastError? = nil
}
