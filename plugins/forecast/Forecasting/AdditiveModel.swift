/// A Prophet-like additive model fitted by penalised least squares: piecewise-linear trend with
/// automatic changepoints, weekly and yearly Fourier seasonality and per-day holiday effects.
public struct AdditiveModel: ForecastModel {
    public let version: FormatVersion
    public let forecastStart: Int
    public let configuration: AdditiveConfiguration
    let design: AdditiveDesign
    let coefficients: [Double]
    /// Mean and standard deviation of the transformed response, used to standardise it.
    let center: Double
    let scale: Double
    /// Residual variance of the fit on the transformed scale, for mean (rather than median) forecasts.
    let residualVariance: Double

    /// Fits the model to the most recent ``AdditiveConfiguration/maximumHistoryDays`` of `series`.
    public static func fit(_ series: DailySeries, configuration: AdditiveConfiguration = .init()) -> AdditiveModel {
        fit(series, configuration: configuration, origins: [], horizon: 0).model
    }

    public func predict(horizon: Int) -> [Double] {
        AdditiveModel.predict(design: design, fit: (coefficients, residualVariance), center: center, scale: scale,
                              configuration: configuration, days: forecastStart..<(forecastStart + max(0, horizon)))
    }

    /// Fits on the whole series and, from the same pass over the data, forecasts `horizon` days
    /// after each of `origins` (prefix lengths) as if fitted on that prefix only.
    static func fit(_ series: DailySeries, configuration: AdditiveConfiguration, origins: [Int], horizon: Int) -> (model: AdditiveModel, originForecasts: [[Double]]) {
        let count = series.values.count
        let windowStart = max(0, count - configuration.maximumHistoryDays)
        let response = series.values[windowStart...].map { configuration.transform.forward($0) }
        let standardisedCount = max(1, (origins.min() ?? count) - windowStart)
        let design = AdditiveDesign(origin: series.start + windowStart, length: response.count, trainingLength: standardisedCount,
                                    configuration: configuration)
        let width = design.width
        let head = response.prefix(standardisedCount)
        let center = head.reduce(0, +) / Double(head.count)
        let variance = head.reduce(0) { $0 + ($1 - center) * ($1 - center) } / Double(head.count)
        let scale = variance > 1e-12 ? variance.squareRoot() : 1
        let rows = design.rows(for: (series.start + windowStart)..<(series.start + count))
        var equations = NormalEquations(width: width)
        var originForecasts: [[Double]] = []
        let sortedOrigins = origins.sorted()
        let responses = response.map { ($0 - center) / scale }
        var added = 0
        rows.withUnsafeBufferPointer { rows in
            responses.withUnsafeBufferPointer { responses in
                for origin in sortedOrigins {
                    let end = min(max(origin - windowStart, added), responses.count)
                    equations.add(rows: UnsafeBufferPointer(rebasing: rows[(added * width)..<(end * width)]),
                                  responses: UnsafeBufferPointer(rebasing: responses[added..<end]))
                    added = end
                    let day = series.start + origin
                    originForecasts.append(predict(design: design, fit: solve(equations, design, configuration, scale: scale), center: center,
                                                   scale: scale, configuration: configuration, days: day..<(day + horizon)))
                }
                equations.add(rows: UnsafeBufferPointer(rebasing: rows[(added * width)...]),
                              responses: UnsafeBufferPointer(rebasing: responses[added...]))
            }
        }
        let fit = solve(equations, design, configuration, scale: scale)
        let model = AdditiveModel(version: .current, forecastStart: series.end + 1, configuration: configuration, design: design,
                                  coefficients: fit.coefficients, center: center, scale: scale, residualVariance: fit.residualVariance)
        return (model, originForecasts)
    }

    /// Ridge coefficients with insignificant holiday events removed: an event's day effects are kept only
    /// when their squared z-scores sum to more than a chi-square with one degree of freedom per day would,
    /// by ``AdditiveConfiguration/holidayThreshold`` of its standard deviations. An event seen on a few noisy
    /// days thus adds nothing rather than noise. Also returns the residual variance on the transformed scale.
    private static func solve(_ equations: NormalEquations, _ design: AdditiveDesign, _ configuration: AdditiveConfiguration,
                              scale: Double) -> (coefficients: [Double], residualVariance: Double) {
        var coefficients = equations.solve(penalty: design.penalties(configuration))
        let variance = equations.residualVariance(coefficients)
        guard !design.holidays.isEmpty, configuration.holidayThreshold > 0 else { return (coefficients, variance * scale * scale) }
        let noise = variance.squareRoot()
        var column = design.holidayColumns.lowerBound
        for holiday in design.holidays {
            let columns = column..<(column + holiday.length)
            column += holiday.length
            let statistic = columns.reduce(0.0) { sum, column in
                let standardError = noise / (equations.diagonal(column) + configuration.holidayPenalty).squareRoot()
                return sum + (standardError > 0 ? (coefficients[column] / standardError) * (coefficients[column] / standardError) : 0)
            }
            let days = Double(holiday.length)
            if statistic < days + configuration.holidayThreshold * (2 * days).squareRoot() {
                for column in columns { coefficients[column] = 0 }
            }
        }
        return (coefficients, variance * scale * scale)
    }

    private static func predict(design: AdditiveDesign, fit: (coefficients: [Double], residualVariance: Double), center: Double,
                                scale: Double, configuration: AdditiveConfiguration, days: Range<Int>) -> [Double] {
        let width = design.width
        let rows = design.rows(for: days)
        let variance = configuration.pointForecast == .mean ? fit.residualVariance : 0
        return (0..<days.count).map { row in
            var value = 0.0
            for column in 0..<width { value += rows[row * width + column] * fit.coefficients[column] }
            return max(0, configuration.transform.inverse(value * scale + center, variance: variance))
        }
    }
}
