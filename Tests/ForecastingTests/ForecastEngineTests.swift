@testable import Forecasting
import Testing

@Suite("ForecastEngine: many series on all cores")
struct ForecastEngineTests {
    @Test func forecastsEverySeriesInOrderAndReportsBadOnes() {
        var inputs = (0..<40).map { index in
            SeriesInput(id: "s\(index)", start: Int(SeriesFixtures.start.daysSinceEpoch),
                        values: index % 2 == 0 ? SeriesFixtures.weekly(days: 200, seed: UInt64(index)).values
                                               : SeriesFixtures.poissonCounts(days: 200, mean: 0.4, seed: UInt64(index)))
        }
        inputs.append(SeriesInput(id: "negative", start: 0, values: [1, -2, 3]))
        let results = ForecastEngine(concurrency: 2).run(inputs, horizon: 28)
        #expect(results.map(\.id) == inputs.map(\.id))
        for result in results.dropLast() {
            guard case .success(let success) = result.outcome else {
                Issue.record("\(result.id) failed")
                continue
            }
            #expect(success.forecast.horizon == 28)
            #expect(success.forecaster.validation != nil)
            #expect(result.fitSeconds > 0)
        }
        guard case .failure(let error) = results.last!.outcome else {
            Issue.record("negative series should fail")
            return
        }
        #expect(error.code == .negativeValue)
    }

    @Test func autoGoesOnWithoutAFailedPooledModelAndSaysWhy() {
        let input = SeriesInput(id: "s", start: 0, values: SeriesFixtures.weekly(days: 120, seed: 3).values)
        let missing = ForecastError(.modelFailed, "pooled model: dlopen(libxgboost.so.0): cannot open shared object file")
        let auto = ForecastEngine.forecast(input, horizon: 7, configuration: ForecastConfiguration(model: .auto), pooled: .failure(missing))
        guard case .success(let success) = auto.outcome else {
            Issue.record("auto failed with the pooled model missing: \(auto.outcome)")
            return
        }
        #expect(success.forecast.horizon == 7)
        #expect(auto.pooledFailure?.message == missing.message)
        // `pooled` itself fails with the reason; a model that never asked for it reports nothing.
        let pooled = ForecastEngine.forecast(input, horizon: 7, configuration: ForecastConfiguration(model: .pooled), pooled: .failure(missing))
        guard case .failure(let error) = pooled.outcome else {
            Issue.record("pooled succeeded without its model")
            return
        }
        #expect(error.message == missing.message)
        #expect(ForecastEngine.forecast(input, horizon: 7, configuration: ForecastConfiguration(model: .ets)).pooledFailure == nil)
    }

    @Test func runsFromAsyncCode() async {
        let inputs = (0..<8).map { SeriesInput(id: "\($0)", start: 0, values: SeriesFixtures.weekly(days: 90, seed: UInt64($0)).values) }
        let results = await ForecastEngine().run(inputs, horizon: 7)
        #expect(results.map(\.id) == inputs.map(\.id))
        #expect(results.allSatisfy { if case .success = $0.outcome { true } else { false } })
    }

    @Test func intervalsAreCalibratedOnAHoldout() {
        let horizon = 28
        var covered = 0, total = 0
        var inputs: [SeriesInput] = [], holdouts: [[Double]] = []
        for index in 0..<60 {
            let values = SeriesFixtures.poissonCounts(days: 400 + horizon, mean: index % 3 == 0 ? 0.6 : 12, seed: UInt64(100 + index))
            inputs.append(SeriesInput(id: "\(index)", start: 0, values: Array(values.prefix(400))))
            holdouts.append(Array(values.suffix(horizon)))
        }
        for (result, holdout) in zip(ForecastEngine().run(inputs, horizon: horizon), holdouts) {
            guard case .success(let success) = result.outcome else { continue }
            for step in 0..<horizon {
                total += 1
                if holdout[step] >= success.forecast.lower[step], holdout[step] <= success.forecast.upper[step] { covered += 1 }
            }
        }
        let coverage = Double(covered) / Double(total)
        #expect(total == 60 * horizon)
        #expect(coverage > 0.72 && coverage < 0.92, "coverage \(coverage)")
    }
}
