import Foundation

/// One model for every series: gradient-boosted trees (XGBoost, `hist`, all cores) learning each
/// day's demand, divided by its series' recent mean, from ``PooledFeatures``. Direct multi-step:
/// the step ahead is a feature and every step is predicted from the same origin, so all series are
/// forecast in one pass with no feedback of predictions. Fitted three times, side by side: without
/// the last `horizon` days of each series, whose forecasts of those days choose between models per
/// series and calibrate the ``PooledInterval``; without the last year, whose forecasts of the season
/// a year back calibrate it too; and on everything for the forecast.
enum PooledModel {
    /// One series as the pooled model sees it; `covariates` start on `series.start`.
    struct Input {
        let series: DailySeries
        let covariates: [String: [Double]]
    }

    /// The candidate of every input, in input order.
    static func fit(_ inputs: [Input], horizon: Int, configuration: ForecastConfiguration) throws(ForecastError) -> [PooledCandidate] {
        let names = Set(inputs.flatMap(\.covariates.keys)).sorted()
        let firstDay = inputs.map(\.series.start).min() ?? 0, lastDay = (inputs.map(\.series.end).max() ?? 0) + horizon
        let features = PooledFeatures(covariateNames: names, holidays: configuration.additive.holidays, firstDay: firstDay, lastDay: lastDay)
        let panel = inputs.map { input in
            PooledFeatures.Series(start: input.series.start, values: input.series.values,
                                  covariates: names.map { filled(input.covariates[$0] ?? [], through: input.series.values.count) })
        }
        // The three fits are independent: they run side by side, sharing the cores (each fit's own threads
        // wait for one another after every tree level and between XGBoost's short parallel loops).
        let yearBackPossible = panel.contains { $0.values.count - Forecaster.yearAgo >= Forecaster.yearAgo / 2 }
        let windows = [0, horizon] + (yearBackPossible ? [Forecaster.yearAgo] : [])
        var shared = configuration.pooled
        shared.threads = (shared.threadCount + windows.count - 1) / windows.count
        let perFit = shared
        let fits = ResultSlots<Result<[[Double]?], ForecastError>>(count: windows.count)
        DispatchQueue.concurrentPerform(iterations: windows.count) { index in
            fits.store(Result { () throws(ForecastError) in
                try predict(panel, features: features, hiding: windows[index], horizon: horizon, configuration: perFit)
            }, at: index)
        }
        let results = fits.results()
        let forecasts = try results[0].get()
        let holdout: [[Double]?]
        switch results[1] {
        case .success(let predictions): holdout = predictions
        case .failure(let error) where error.code == .insufficientHistory: holdout = Array(repeating: nil, count: panel.count)
        case .failure(let error): throw error
        }
        // Out-of-sample errors: the last `horizon` days, and the same season a year before the days forecast
        // (from a fit on the days before it) for series with half a year before that window.
        var errors = [[(forecast: Double, actual: Double, step: Int)]](repeating: [], count: 2)
        let mostlyZero = panel.map { Self.isMostlyZero($0.values) }
        func collect(_ predictions: [[Double]?], hidden: Int, minimumDays: Int) {
            for (index, (series, predicted)) in zip(panel, predictions).enumerated() {
                let first = series.values.count - hidden
                guard let predicted, first >= minimumDays, first + horizon <= series.values.count else { continue }
                for step in 0..<horizon { errors[mostlyZero[index] ? 1 : 0].append((predicted[step], series.values[first + step], step)) }
            }
        }
        collect(holdout, hidden: horizon, minimumDays: 1)
        if yearBackPossible, let yearBack = try? results[2].get() {
            collect(yearBack, hidden: Forecaster.yearAgo, minimumDays: Forecaster.yearAgo / 2)
        }
        // Mostly-zero series get intervals from their kind's errors when there are enough of them.
        let all = PooledInterval(errors: errors[0] + errors[1], level: configuration.level)
        let intervals = errors.map { $0.count >= PooledInterval.minimumCell * 4 ? PooledInterval(errors: $0, level: configuration.level) : all }
        return inputs.indices.map { index in
            PooledCandidate(forecast: PooledForecast(forecastStart: inputs[index].series.end + 1, values: forecasts[index] ?? []),
                            holdout: holdout[index], interval: intervals[mostlyZero[index] ? 1 : 0])
        }
    }

    /// `covariate` with unknown history days (before `count`) taking the last known value: a day without a
    /// row (often a day without sales) must not tell the trees anything through its missing price. Unknown
    /// future days stay unknown.
    static func filled(_ covariate: [Double], through count: Int) -> [Double] {
        var filled = covariate, last = Double.nan
        for index in filled.indices where index < count {
            if filled[index].isNaN { filled[index] = last } else { last = filled[index] }
        }
        return filled
    }

    /// Training rows per batch handed to XGBoost.
    static let batchRows = 8_192

    /// More than half of the last 90 days without demand.
    static func isMostlyZero(_ values: [Double]) -> Bool {
        let recent = values.suffix(90)
        return Double(recent.filter { $0 == 0 }.count) > Double(recent.count) / 2
    }

    /// Trains on each series but its last `hidden` days and forecasts `horizon` days after them; nil for a
    /// series with no day left. Throws ``ForecastError/Code/insufficientHistory`` when no series has two days left.
    static func predict(_ panel: [PooledFeatures.Series], features: PooledFeatures, hiding hidden: Int, horizon: Int,
                        configuration: PooledConfiguration) throws(ForecastError) -> [[Double]?] {
        // Which (series, target day, step ahead) rows to learn from; their features are computed batch by
        // batch as XGBoost reads them, so no copy of the whole training matrix is ever held.
        var samples: [(series: Int32, target: Int32, step: Int32)] = []
        for (index, series) in panel.enumerated() {
            let count = series.values.count - hidden
            guard count >= 2 else { continue }
            var target = max(1, count - configuration.trainingDays) + index % configuration.trainingStride
            while target < count {
                let step = min(target, 1 + (target / configuration.trainingStride * 11 + index * 7) % horizon)
                samples.append((Int32(index), Int32(target), Int32(step)))
                target += configuration.trainingStride
            }
        }
        guard !samples.isEmpty else { throw ForecastError(.insufficientHistory, "no series has two days to learn the pooled model from") }
        var predictionRows: [Float] = [], scales: [Double] = [], owners: [Int] = []
        for (index, series) in panel.enumerated() {
            let origin = series.values.count - hidden - 1
            guard origin >= 0 else { continue }
            let scale = series.scale(at: origin)
            for step in 1...horizon { features.append(series, origin: origin, step: step, scale: scale, to: &predictionRows) }
            scales.append(scale)
            owners.append(index)
        }
        do {
            let threads = configuration.threadCount
            let batches = (samples.count + Self.batchRows - 1) / Self.batchRows
            let training = try XGBoostMatrix(batches: batches, columns: features.count, maximumBins: configuration.maximumBins, threads: threads) {
                batch, rows, labels in
                for (index, target, step) in samples[(batch * Self.batchRows)..<min(samples.count, (batch + 1) * Self.batchRows)] {
                    let series = panel[Int(index)], origin = Int(target - step)
                    let scale = series.scale(at: origin)
                    features.append(series, origin: origin, step: Int(step), scale: scale, to: &rows)
                    labels.append(Float(configuration.target.forward(series.values[Int(target)] / scale)))
                }
            }
            let booster = try XGBoostBooster(training: training, parameters: [
                ("booster", "gbtree"), ("tree_method", "hist"), ("objective", configuration.objective),
                ("max_depth", String(configuration.maximumDepth)), ("eta", String(configuration.learningRate)),
                ("max_bin", String(configuration.maximumBins)), ("min_child_weight", "5"), ("subsample", "0.8"),
                ("nthread", String(threads)), ("seed", "0"), ("verbosity", "0"),
            ], rounds: configuration.rounds)
            var result = [[Double]?](repeating: nil, count: panel.count)
            guard !owners.isEmpty else { return result }
            let predicted = try booster.predict(XGBoostMatrix(values: predictionRows, rows: owners.count * horizon, columns: features.count, threads: threads))
            for (position, index) in owners.enumerated() {
                result[index] = (0..<horizon).map { max(0, configuration.target.inverse(Double(predicted[position * horizon + $0]), variance: 0) * scales[position]) }
            }
            return result
        } catch {
            throw ForecastError(.modelFailed, "pooled model: \(error)")
        }
    }
}
