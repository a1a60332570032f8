/// A fitted forecaster for one series: the chosen model (or the average of two) plus intervals calibrated
/// on rolling-origin backtest errors. Its Codable form is its saved form.
public struct Forecaster: Sendable, Codable {
    public let version: FormatVersion
    public let forecastStart: Int
    public let demandClass: DemandClass
    /// Models whose point forecasts are averaged.
    public let components: [FittedModel]
    /// Nominal interval coverage.
    public let level: Double
    /// The chosen forecast's scores on the calibration backtest windows, or nil when history is too short for any.
    public let validation: ForecastMetrics?
    let interval: ConformalInterval
    /// The pooled model's interval, used instead of ``interval`` when the pooled model is a component
    /// (absent in forecasters saved before it existed).
    let pooledInterval: PooledInterval?

    /// Fits `configuration.model` to `series` (or, for `auto`, chooses by demand class and backtest),
    /// calibrating intervals for forecasts up to `horizon` days ahead. Leading zeros longer than any later
    /// gap between sales are ignored: the product was most likely not on sale yet.
    /// `pooled` is what the pooled model (fitted across series by ``ForecastEngine``) offers this series:
    /// the `pooled` model uses it (or, without it, a pooled model of this series alone), and `auto`
    /// weighs it against its per-series choice.
    public static func fit(_ series: DailySeries, horizon: Int, configuration: ForecastConfiguration = .init(),
                           pooled: PooledCandidate? = nil) throws(ForecastError) -> Forecaster {
        try configuration.validate()
        guard horizon >= 1 else { throw ForecastError(.invalidArgument, "horizon must be at least 1, got \(horizon)") }
        let series = series.droppingLaunchZeros()
        let values = series.values
        let demandClass = DemandClass.classify(values)
        if configuration.model == .pooled {
            var candidate = pooled
            if candidate == nil {
                candidate = try PooledModel.fit([PooledModel.Input(series: series, covariates: [:])], horizon: horizon, configuration: configuration)[0]
            }
            return pooledOnly(series, candidate!, demandClass: demandClass, horizon: horizon, configuration: configuration)
        }
        if let pooled, demandClass == .short {
            // Too short for a backtest: what the other series taught the pooled model beats this one's few days' mean.
            return pooledOnly(series, pooled, demandClass: demandClass, horizon: horizon, configuration: configuration)
        }
        let kinds = configuration.model == .auto ? ForecastConfiguration.candidates(for: demandClass) : [configuration.model]
        let (origins, step, calibrationOnly) = backtestOrigins(count: values.count, horizon: horizon, maximum: configuration.calibrationOrigins)
        let actual = origins.flatMap { values[$0..<($0 + step)] }
        // Models are chosen on the windows that judge them fairly; a year-back window with less
        // than two years before it (no yearly terms there) only calibrates the intervals.
        let judged = calibrationOnly ? step : 0
        let judgedActual = Array(actual.dropFirst(judged))

        var scored: [(model: FittedModel, forecast: [Double], error: Double)] = []
        for kind in kinds {
            do {
                let fitted = try FittedModel.fit(kind, series, configuration: configuration, origins: origins, horizon: step)
                let forecast = fitted.originForecasts.flatMap { $0 }
                // A diverged fit (say, multiplicative seasonality meeting zeros) is not a candidate.
                guard (forecast + fitted.model.model.predict(horizon: horizon)).allSatisfy(\.isFinite) else { continue }
                scored.append((fitted.model, forecast, meanAbsoluteError(judgedActual, Array(forecast.dropFirst(judged)))))
            } catch where configuration.model == .auto {
                continue
            }
        }
        guard let primary = scored.first else {
            throw ForecastError(.insufficientHistory, "no candidate model could be fitted to \(values.count) days")
        }
        // The class's primary model stays unless an alternative, or its average with the best alternative,
        // has clearly lower backtest errors: a paired z-statistic of the daily absolute-error differences
        // above the threshold. Small differences on a few weeks of backtest are mostly noise.
        var chosen = [primary]
        var bestGain = configuration.switchThreshold
        let alternatives = scored.dropFirst().sorted { $0.error < $1.error }
        if let alternative = alternatives.first {
            let gain = improvement(of: Array(alternative.forecast.dropFirst(judged)), over: Array(primary.forecast.dropFirst(judged)), actual: judgedActual)
            if gain > bestGain {
                chosen = [alternative]
                bestGain = gain
            }
            if configuration.ensemble {
                let average = zip(primary.forecast, alternative.forecast).map { ($0 + $1) / 2 }
                if improvement(of: Array(average.dropFirst(judged)), over: Array(primary.forecast.dropFirst(judged)), actual: judgedActual) > bestGain {
                    let error = meanAbsoluteError(judgedActual, Array(average.dropFirst(judged)))
                    chosen = [(primary.model, average, error), (alternative.model, average, error)]
                }
            }
        }
        var forecast = chosen[0].forecast
        var components = chosen.map(\.model)
        var pooledInterval: PooledInterval?
        // The pooled model is the default (one model learned from every series is the steadier bet); its
        // average with the per-series choice replaces it when that has lower absolute errors on the last
        // window (the one the pooled model's holdout forecast covers), and the per-series choice alone only
        // when clearly better there (the paired z-statistic above the switch threshold).
        // All-zero and constant series keep their exact forecast.
        if let pooled, let holdout = pooled.holdout, demandClass != .allZero, demandClass != .constant, step == horizon, origins.last == values.count - step, forecast.count >= step {
            let lastWindow = Array(values.suffix(step)), own = Array(forecast.suffix(step))
            let average = zip(own, holdout).map { ($0 + $1) / 2 }
            var best = (components: [FittedModel.pooled(pooled.forecast)], forecast: holdout)
            if improvement(of: average, over: holdout, actual: lastWindow) > 0 { best = (components + [.pooled(pooled.forecast)], average) }
            if improvement(of: own, over: best.forecast, actual: lastWindow) <= configuration.switchThreshold {
                components = best.components
                forecast = Array(forecast.dropLast(step)) + best.forecast
                pooledInterval = pooled.interval
            }
        }
        let interval = ConformalInterval(residuals: zip(actual, forecast).map { $0 - $1 }, forecasts: forecast, steps: step,
                                         level: configuration.level, history: values)
        var validation: ForecastMetrics?
        if let first = origins.min() {
            // One window per origin: each starts again at one day ahead.
            let windows = stride(from: 0, to: forecast.count, by: step).map {
                bounds(around: Array(forecast[$0..<min($0 + step, forecast.count)]), interval, pooledInterval)
            }
            validation = ForecastMetrics(actual: actual, forecast: forecast, lower: windows.flatMap(\.lower), upper: windows.flatMap(\.upper),
                                         history: Array(values.prefix(first)))
        }
        return Forecaster(version: .current, forecastStart: series.end + 1, demandClass: demandClass, components: components,
                          level: configuration.level, validation: validation, interval: interval, pooledInterval: pooledInterval)
    }

    /// The pooled model's forecast for `series`, scored on its holdout window when it has one.
    private static func pooledOnly(_ series: DailySeries, _ candidate: PooledCandidate, demandClass: DemandClass, horizon: Int,
                                   configuration: ForecastConfiguration) -> Forecaster {
        let values = series.values
        var validation: ForecastMetrics?
        var residuals: [Double] = [], forecasts: [Double] = []
        if let holdout = candidate.holdout {
            let actual = Array(values.suffix(horizon))
            let bounds = candidate.interval.bounds(around: holdout)
            validation = ForecastMetrics(actual: actual, forecast: holdout, lower: bounds.lower, upper: bounds.upper,
                                         history: Array(values.dropLast(horizon)))
            residuals = zip(actual, holdout).map { $0 - $1 }
            forecasts = holdout
        }
        let interval = ConformalInterval(residuals: residuals, forecasts: forecasts, steps: horizon, level: configuration.level, history: values)
        return Forecaster(version: .current, forecastStart: series.end + 1, demandClass: demandClass, components: [.pooled(candidate.forecast)],
                          level: configuration.level, validation: validation, interval: interval, pooledInterval: candidate.interval)
    }

    private static func bounds(around mean: [Double], _ interval: ConformalInterval, _ pooled: PooledInterval?) -> (lower: [Double], upper: [Double]) {
        pooled?.bounds(around: mean) ?? interval.bounds(around: mean)
    }

    /// Point forecasts with prediction intervals for the next `horizon` days; bounds are never negative.
    public func forecast(horizon: Int) -> Forecast {
        // The per-series models' average, averaged in turn with the pooled model's forecast when both are there.
        let groups = [components.filter { $0.kind != .pooled }, components.filter { $0.kind == .pooled }].filter { !$0.isEmpty }
        let averages = groups.map { group in
            let predictions = group.map { $0.model.predict(horizon: horizon) }
            return (0..<max(0, horizon)).map { step in predictions.reduce(0) { $0 + $1[step] } / Double(predictions.count) }
        }
        let mean = (0..<max(0, horizon)).map { step in averages.reduce(0) { $0 + $1[step] } / Double(averages.count) }
        let bounds = Self.bounds(around: mean, interval, pooledInterval)
        return Forecast(start: forecastStart, mean: mean, lower: bounds.lower, upper: bounds.upper, level: level)
    }

    /// Days back to the same weekday a year earlier.
    static let yearAgo = 364

    /// Up to `maximum` origins (prefix lengths) `step` days apart, the last `step` days before the end, each leaving
    /// enough training data, plus one a year before the end, so that the intervals are calibrated on the season being
    /// forecast too (a holiday season is noisier than the weeks before it). With two years before that origin (so
    /// yearly terms can be fitted there) models are also judged on it; with half a year to two, it only calibrates
    /// (`calibrationOnly`: it is the first window). `step` shrinks below `horizon` on short series.
    static func backtestOrigins(count: Int, horizon: Int, maximum: Int) -> (origins: [Int], step: Int, calibrationOnly: Bool) {
        let minimumTraining = min(DemandClass.minimumDays, max(1, count / 2))
        let step = count - horizon >= minimumTraining ? horizon : max(1, count - minimumTraining)
        var origins = (1...maximum).map { count - $0 * step }.filter { $0 >= minimumTraining }
        let lastYear = count - yearAgo
        var calibrationOnly = false
        if lastYear >= yearAgo / 2, lastYear + step < (origins.min() ?? count) {
            origins.append(lastYear)
            calibrationOnly = lastYear < 2 * yearAgo
        }
        return (origins.sorted(), step, calibrationOnly)
    }

    /// Paired z-statistic of how much smaller `candidate`'s absolute errors are than `reference`'s.
    private static func improvement(of candidate: [Double], over reference: [Double], actual: [Double]) -> Double {
        let differences = actual.indices.map { abs(actual[$0] - reference[$0]) - abs(actual[$0] - candidate[$0]) }
        guard differences.count >= 2 else { return 0 }
        let n = Double(differences.count)
        let mean = differences.reduce(0, +) / n
        let variance = differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        guard variance > 0 else { return mean > 0 ? .infinity : 0 }
        return mean / (variance / n).squareRoot()
    }

    private static func meanAbsoluteError(_ actual: [Double], _ forecast: [Double]) -> Double {
        guard !actual.isEmpty else { return 0 }
        return zip(actual, forecast).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(actual.count)
    }
}
