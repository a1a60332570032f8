/// Accuracy of point forecasts and coverage of intervals over a set of days.
public struct ForecastMetrics: Sendable, Hashable, Codable {
    public let meanAbsoluteError: Double
    public let rootMeanSquaredError: Double
    /// 1 − SSE / total sum of squares around the actuals' mean (NaN when actuals are constant).
    public let rSquared: Double
    /// Symmetric MAPE in percent; days where actual and forecast are both zero count as 0.
    public let symmetricMAPE: Double
    /// MAE divided by the in-sample mean absolute seasonal-7 difference (1 when that is 0 or unavailable).
    public let meanAbsoluteScaledError: Double
    /// Share of actuals within the interval (NaN when no interval was given).
    public let coverage: Double
    public let count: Int

    /// Scores `forecast` (and optionally `lower`/`upper`) against `actual`; `history` provides the MASE scale.
    public init(actual: [Double], forecast: [Double], lower: [Double]? = nil, upper: [Double]? = nil, history: [Double]) {
        let count = min(actual.count, forecast.count)
        self.count = count
        let n = Double(max(count, 1))
        var absolute = 0.0, squared = 0.0, symmetric = 0.0, covered = 0
        for index in 0..<count {
            let error = actual[index] - forecast[index]
            absolute += abs(error)
            squared += error * error
            let denominator = abs(actual[index]) + abs(forecast[index])
            symmetric += denominator > 0 ? 2 * abs(error) / denominator : 0
            if let lower, let upper, actual[index] >= lower[index], actual[index] <= upper[index] { covered += 1 }
        }
        let mean = actual.prefix(count).reduce(0, +) / n
        let total = actual.prefix(count).reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        meanAbsoluteError = absolute / n
        rootMeanSquaredError = (squared / n).squareRoot()
        rSquared = total > 0 ? 1 - squared / total : .nan
        symmetricMAPE = 100 * symmetric / n
        meanAbsoluteScaledError = meanAbsoluteError / ForecastMetrics.seasonalScale(history)
        coverage = lower != nil && upper != nil ? Double(covered) / n : .nan
    }

    /// Mean absolute difference between values seven days apart, or 1 when that is zero or undefined.
    public static func seasonalScale(_ history: [Double]) -> Double {
        guard history.count > 7 else { return 1 }
        var sum = 0.0
        for index in 7..<history.count { sum += abs(history[index] - history[index - 7]) }
        let scale = sum / Double(history.count - 7)
        return scale > 0 ? scale : 1
    }
}
