/// One named series for the ``ForecastEngine``, not yet validated.
public struct SeriesInput: Sendable, Hashable {
    public let id: String
    /// First day, as days since 1970-01-01.
    public let start: Int
    public let values: [Double]
    /// Numeric covariates by name (price, a promotion flag, ...), one value per day from `start`. A covariate
    /// may run past the last value into the days forecast (its known future); NaN, or the end of the array,
    /// means unknown.
    public let covariates: [String: [Double]]

    public init(id: String, start: Int, values: [Double], covariates: [String: [Double]] = [:]) {
        self.id = id
        self.start = start
        self.values = values
        self.covariates = covariates
    }
}
