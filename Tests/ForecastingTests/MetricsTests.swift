import Forecasting
import Foundation
import Testing

@Suite("Metrics and backtest")
struct MetricsTests {
    @Test func computesKnownValues() {
        let metrics = ForecastMetrics(actual: [1, 2, 3, 4], forecast: [2, 2, 2, 2], lower: [0, 0, 0, 0], upper: [3, 3, 3, 3],
                                      history: [0, 0, 0, 0, 0, 0, 0, 2, 2])
        #expect(metrics.meanAbsoluteError == 1)
        #expect(abs(metrics.rootMeanSquaredError - 1.5.squareRoot()) < 1e-12)
        #expect(abs(metrics.rSquared - (1 - 6.0 / 5.0)) < 1e-12)
        #expect(abs(metrics.symmetricMAPE - 100 * (2.0 / 3 + 0 + 0.4 + 2.0 / 3) / 4) < 1e-9)
        #expect(metrics.meanAbsoluteScaledError == 0.5)
        #expect(metrics.coverage == 0.75)
    }

    @Test func maseFallsBackToUnitScale() {
        #expect(ForecastMetrics.seasonalScale([5, 5, 5]) == 1)
        #expect(ForecastMetrics.seasonalScale([Double](repeating: 3, count: 30)) == 1)
    }

    @Test func backtestScoresEachModel() throws {
        let results = try Backtest.evaluate(SeriesFixtures.weekly(days: 300), models: [.additive, .seasonalNaive, .ets, .auto], horizon: 14)
        #expect(Set(results.keys) == [.additive, .seasonalNaive, .ets, .auto])
        for metrics in results.values {
            #expect(metrics.count == 42)
            #expect(metrics.meanAbsoluteScaledError.isFinite)
        }
        #expect(results[.additive]!.meanAbsoluteError < results[.seasonalNaive]!.meanAbsoluteError)
    }

    @Test func backtestNeedsTrainingData() {
        #expect(throws: ForecastError.self) { try Backtest.evaluate(try DailySeries(start: 0, values: [1, 2]), models: [.level], horizon: 5) }
    }
}
