/// A fitted model that forecasts the days after the history it saw; its Codable form is its saved form.
public protocol ForecastModel: Sendable, Codable {
    /// Format version of the saved form.
    var version: FormatVersion { get }
    /// The first day after the fitted history, as days since 1970-01-01.
    var forecastStart: Int { get }
    /// Point forecasts for the next `horizon` days, never negative.
    func predict(horizon: Int) -> [Double]
}
