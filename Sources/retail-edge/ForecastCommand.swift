import ArgumentParser
import EdgeCore
import Forecasting
import Foundation

/// `retail-edge forecast`: forecasts from a daily sales CSV, or backtests the models on it.
struct ForecastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast daily demand per store and product from a CSV, or backtest the models.",
        subcommands: [Predict.self, BacktestModels.self],
        defaultSubcommand: Predict.self
    )

    struct Input: ParsableArguments {
        @Option(help: "CSV with a header naming date,store_id,product_id,units (other columns are ignored).")
        var input: String

        @Option(help: "Days to forecast.")
        var horizon = 30

        @Option(help: "Nominal coverage of the intervals.")
        var level = 0.8

        @Option(help: "Numeric covariate columns for the pooled model, comma-separated (price,promo); rows with an empty units give their known future values.")
        var covariates = ""

        func validate() throws {
            guard (1...366).contains(horizon) else { throw ValidationError("--horizon must be between 1 and 366") }
            guard level > 0, level < 1 else { throw ValidationError("--level must be between 0 and 1") }
        }

        func read() throws -> [(key: DailySalesFile.Key, input: SeriesInput)] {
            do {
                let names = covariates.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                return try DailySalesFile(path: input, covariates: names).seriesInputs()
            } catch let error as InputFileError {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitStatus.dataError
            }
        }
    }

    /// `retail-edge forecast --input daily.csv --horizon 30 --output fc.csv`.
    struct Predict: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "predict",
            abstract: "Write store_id,product_id,date,yhat,yhat_lower,yhat_upper for the days after the file's last day."
        )

        @OptionGroup var input: Input

        @Option(help: "Where to write the forecasts (CSV); - for standard output.")
        var output = "-"

        @Option(help: "auto, pooled, additive, ets, seasonal_naive, croston or tsb.")
        var model: ModelKind = .auto

        func run() async throws {
            let series = try input.read()
            let started = ContinuousClock.now
            let engine = ForecastEngine(configuration: ForecastConfiguration(model: model, level: input.level))
            let results = await engine.run(series.map(\.input), horizon: input.horizon)
            if let failure = results.lazy.compactMap(\.pooledFailure).first {
                FileHandle.standardError.write(Data("warning: auto forecasts without the pooled model: \(failure)\n".utf8))
            }
            var text = "store_id,product_id,date,yhat,yhat_lower,yhat_upper\n"
            var failed = 0
            for ((key, _), result) in zip(series, results) {
                switch result.outcome {
                case .success(let success):
                    let forecast = success.forecast
                    for step in 0..<forecast.horizon {
                        let day = CivilDate(daysSinceEpoch: forecast.start + step)
                        text += "\(Self.field(key.store)),\(Self.field(key.product)),\(day),\(forecast.mean[step]),\(forecast.lower[step]),\(forecast.upper[step])\n"
                    }
                case .failure(let error):
                    failed += 1
                    FileHandle.standardError.write(Data("warning: \(key.store)/\(key.product): \(error)\n".utf8))
                }
            }
            try OutputFile.write(Data(text.utf8), to: output)
            let elapsed = ContinuousClock.now - started
            FileHandle.standardError.write(Data("retail-edge: forecast \(series.count - failed) of \(series.count) series, \(input.horizon) days, in \(Summary.seconds(elapsed))\n".utf8))
            if failed > 0, failed == series.count { throw ExitStatus.dataError }
        }

        static func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
    }

    /// `retail-edge forecast backtest --input daily.csv --horizon 30`.
    struct BacktestModels: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backtest",
            abstract: "Rolling-origin backtest of every model: MAE, RMSE, sMAPE, MASE, R² and interval coverage, averaged over series."
        )

        @OptionGroup var input: Input

        @Option(help: "Backtest origins, one horizon apart, the last one a horizon before the end.")
        var origins = 1

        @Option(help: "Expected units per day (date,store_id,product_id,units, e.g. demo-data --expected-out), scored on the same days as the row 'expected': the best any forecast can do on noisy data.")
        var expected: String?

        func run() async throws {
            let series = try input.read()
            let perSeriesModels: [ModelKind] = [.additive, .ets, .seasonalNaive, .croston, .tsb]
            let configuration = ForecastConfiguration(level: input.level)
            let horizon = input.horizon, origins = origins
            let truth = try expected.map { path in
                do { return try DailySalesFile(path: path).observations } catch let error as InputFileError {
                    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                    throw ExitStatus.dataError
                }
            }
            let perSeries = LockedValue<[[ModelKind: ForecastMetrics]]>(Array(repeating: [:], count: series.count))
            let expectedScores = LockedValue<[ForecastMetrics]>([])
            DispatchQueue.concurrentPerform(iterations: series.count) { index in
                let input = series[index].input
                guard let daily = try? DailySeries(start: input.start, values: input.values),
                      let scores = try? Backtest.evaluate(daily, models: perSeriesModels, horizon: horizon, origins: origins, configuration: configuration) else { return }
                perSeries.withLock { $0[index] = scores }
                // The expected values on the days the models were scored on (Backtest's cuts).
                guard let days = truth?[series[index].key] else { return }
                let cuts = (1...origins).map { input.values.count - $0 * horizon }.filter { $0 >= 1 }.sorted()
                let scoredDays = cuts.flatMap { $0..<($0 + horizon) }
                let metrics = ForecastMetrics(actual: scoredDays.map { input.values[$0] }, forecast: scoredDays.map { days[input.start + $0] ?? 0 },
                                              history: Array(input.values.prefix(cuts[0])))
                expectedScores.withLock { $0.append(metrics) }
            }
            // auto and pooled need every series at once: the engine runs on the panel cut at each origin.
            for model in [ModelKind.auto, .pooled] {
                let scores = Self.panelBacktest(series.map(\.input), model: model, horizon: horizon, origins: origins, level: input.level)
                perSeries.withLock { all in for (index, score) in scores.enumerated() { all[index][model] = score } }
            }
            let models = [ModelKind.auto, .pooled] + perSeriesModels
            let scored = perSeries.withLock { $0 }.filter { !$0.isEmpty }
            print("model           series      MAE     RMSE    sMAPE     MASE       R²  coverage")
            for (name, metrics) in models.map({ model in (model.rawValue, scored.compactMap { $0[model] }) }) + [("expected", expectedScores.withLock { $0 })] {
                guard !metrics.isEmpty else { continue }
                func mean(_ value: (ForecastMetrics) -> Double) -> Double {
                    let values = metrics.map(value).filter { $0.isFinite }
                    return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
                }
                let row = [mean(\.meanAbsoluteError), mean(\.rootMeanSquaredError), mean(\.symmetricMAPE), mean(\.meanAbsoluteScaledError), mean(\.rSquared), mean(\.coverage)]
                print(name.padding(toLength: 14, withPad: " ", startingAt: 0) + String(format: "%7d", metrics.count)
                      + row.map { String(format: " %8.3f", $0) }.joined())
            }
            print("(\(scored.count) of \(series.count) series long enough for \(origins) origin(s) of \(horizon) days; level \(input.level))")
        }
    }
}

extension ForecastCommand.BacktestModels {
    /// Scores `model` run by the engine on all series cut `origins` times, `horizon` days apart (the last cut
    /// `horizon` days before the end); nil for a series too short for every cut.
    static func panelBacktest(_ inputs: [SeriesInput], model: ModelKind, horizon: Int, origins: Int, level: Double) -> [ForecastMetrics?] {
        let engine = ForecastEngine(configuration: ForecastConfiguration(model: model, level: level))
        var actual = [[Double]](repeating: [], count: inputs.count), mean = actual, lower = actual, upper = actual
        var history = [[Double]?](repeating: nil, count: inputs.count)
        for origin in (1...origins).reversed() {
            let hidden = origin * horizon
            let positions = inputs.indices.filter { inputs[$0].values.count > hidden }
            let cut = positions.map { SeriesInput(id: inputs[$0].id, start: inputs[$0].start, values: Array(inputs[$0].values.dropLast(hidden)),
                                                  covariates: inputs[$0].covariates) }
            for (position, result) in zip(positions, engine.run(cut, horizon: horizon)) {
                guard case .success(let success) = result.outcome else { continue }
                let values = inputs[position].values, first = values.count - hidden
                actual[position] += values[first..<(first + horizon)]
                mean[position] += success.forecast.mean
                lower[position] += success.forecast.lower
                upper[position] += success.forecast.upper
                if history[position] == nil { history[position] = Array(values.prefix(first)) }
            }
        }
        return inputs.indices.map { index in
            history[index].map { ForecastMetrics(actual: actual[index], forecast: mean[index], lower: lower[index], upper: upper[index], history: $0) }
        }
    }
}

extension ModelKind: ExpressibleByArgument {}
