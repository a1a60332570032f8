import CivilCalendar
import Forecasting
import Foundation
import Testing

@Suite("Pooled model: one XGBoost model across series")
struct PooledModelTests {
    static let start = Int(SeriesFixtures.start.daysSinceEpoch)

    /// Stores selling one product with a strong weekend (Saturday and Sunday three times a weekday).
    static func weekendLevel(day: Int, level: Double) -> Double {
        CivilDate(daysSinceEpoch: day).isoWeekday >= 6 ? 3 * level : level
    }

    static func siblings(count: Int, days: Int) -> [SeriesInput] {
        (0..<count).map { store in
            let counts = SeriesFixtures.poissonCounts(days: days, mean: 1, seed: UInt64(store + 1))
            let values = (0..<days).map { weekendLevel(day: start + $0, level: 10) + counts[$0] - 1 }
            return SeriesInput(id: "store\(store)", start: start, values: values)
        }
    }

    func success(_ result: SeriesResult) throws -> SeriesResult.Success {
        switch result.outcome {
        case .success(let success): return success
        case .failure(let error): throw error
        }
    }

    func expectWellFormed(_ forecast: Forecast, horizon: Int) {
        #expect(forecast.horizon == horizon)
        for step in 0..<horizon {
            #expect(forecast.mean[step].isFinite && forecast.mean[step] >= 0)
            #expect(forecast.lower[step] >= 0 && forecast.lower[step] <= forecast.mean[step] && forecast.mean[step] <= forecast.upper[step])
        }
    }

    @Test func aNewProductLearnsItsWeekendFromItsSiblings() throws {
        let days = 200, horizon = 14
        // Three weekdays (Monday to Wednesday) of the new store's product, at the siblings' weekday level.
        var firstMonday = Self.start + days - 3
        while CivilDate(daysSinceEpoch: firstMonday).isoWeekday != 1 { firstMonday -= 1 }
        let newcomer = SeriesInput(id: "new", start: firstMonday, values: [10, 11, 9])
        let panel = Self.siblings(count: 8, days: firstMonday + 3 - Self.start)
        let pooled = try success(ForecastEngine(configuration: ForecastConfiguration(model: .pooled)).run([newcomer], horizon: horizon, context: panel)[0])
        let alone = try Forecaster.fit(DailySeries(start: newcomer.start, values: newcomer.values), horizon: horizon).forecast(horizon: horizon)
        let truth = (0..<horizon).map { Self.weekendLevel(day: firstMonday + 3 + $0, level: 10) }
        func meanAbsoluteError(_ forecast: [Double]) -> Double { zip(forecast, truth).map { abs($0 - $1) }.reduce(0, +) / Double(horizon) }
        #expect(pooled.forecaster.components.map(\.kind) == [.pooled])
        #expect(meanAbsoluteError(pooled.forecast.mean) < 0.6 * meanAbsoluteError(alone.mean))
        expectWellFormed(pooled.forecast, horizon: horizon)
    }

    @Test func seriesShorterThanTheLagsAndAllZeroSeriesAreForecast() throws {
        let panel = Self.siblings(count: 6, days: 120)
        let short = SeriesInput(id: "short", start: Self.start + 117, values: [4, 6, 5])
        let zeros = SeriesInput(id: "zeros", start: Self.start, values: [Double](repeating: 0, count: 120))
        for model in [ModelKind.pooled, .auto] {
            let results = ForecastEngine(configuration: ForecastConfiguration(model: model)).run([short, zeros] + panel, horizon: 10)
            for result in results { expectWellFormed(try success(result).forecast, horizon: 10) }
            let zeroForecast = try success(results[1]).forecast
            #expect(zeroForecast.mean.allSatisfy { $0 < 0.2 }, "\(model): \(zeroForecast.mean)")
            #expect(try success(results[0]).forecast.mean.allSatisfy { $0 > 1 })
        }
    }

    @Test func aCovariateMissingInTheFutureStillForecastsAndAKnownOneIsUsed() throws {
        let days = 240, horizon = 14
        // Every third day is a promotion that doubles demand.
        func promotion(_ day: Int) -> Double { day % 3 == 0 ? 1 : 0 }
        func panel(futureKnown: Bool) -> [SeriesInput] {
            (0..<10).map { index in
                let counts = SeriesFixtures.poissonCounts(days: days, mean: 8, seed: UInt64(index + 20))
                let values = (0..<days).map { counts[$0] * (1 + promotion($0)) }
                let known = futureKnown ? days + horizon : days
                return SeriesInput(id: "\(index)", start: Self.start, values: values, covariates: ["promo": (0..<known).map(promotion)])
            }
        }
        let engine = ForecastEngine(configuration: ForecastConfiguration(model: .pooled))
        for result in engine.run(panel(futureKnown: false), horizon: horizon) { expectWellFormed(try success(result).forecast, horizon: horizon) }
        let known = try success(engine.run(panel(futureKnown: true), horizon: horizon)[0]).forecast
        let promoted = (0..<horizon).filter { promotion(days + $0) == 1 }, plain = (0..<horizon).filter { promotion(days + $0) == 0 }
        let promotedMean = promoted.map { known.mean[$0] }.reduce(0, +) / Double(promoted.count)
        let plainMean = plain.map { known.mean[$0] }.reduce(0, +) / Double(plain.count)
        #expect(promotedMean > 1.5 * plainMean)
    }

    @Test func aCovariateGivenOnlyOnDaysWithSalesDoesNotLeakThem() throws {
        let days = 240, horizon = 14
        let panel = (0..<10).map { index in
            SeriesInput(id: "\(index)", start: Self.start, values: SeriesFixtures.poissonCounts(days: days, mean: 0.8, seed: UInt64(index + 40)))
        }
        // A price known on the days something sold only (as when prices come from sales rows), unknown after.
        let priced = panel.map { SeriesInput(id: $0.id, start: $0.start, values: $0.values, covariates: ["price": $0.values.map { $0 > 0 ? 2.5 : .nan }]) }
        let engine = ForecastEngine(configuration: ForecastConfiguration(model: .pooled))
        let plain = try engine.run(panel, horizon: horizon).map { try success($0).forecast.mean.reduce(0, +) }
        let withPrice = try engine.run(priced, horizon: horizon).map { try success($0).forecast.mean.reduce(0, +) }
        for (a, b) in zip(plain, withPrice) { #expect(abs(a - b) <= 0.1 * a, "\(a) vs \(b)") }
    }

    @Test func autoRecordsThePooledChoiceAndTheForecasterRoundTrips() throws {
        let panel = Self.siblings(count: 12, days: 240)
        let results = ForecastEngine(configuration: ForecastConfiguration(model: .auto)).run(panel, horizon: 28)
        let forecasters = try results.map { try success($0).forecaster }
        #expect(forecasters.contains { $0.components.contains { $0.kind == .pooled } })
        #expect(forecasters.allSatisfy { $0.validation != nil })
        let saved = try JSONEncoder().encode(forecasters[0])
        let restored = try JSONDecoder().decode(Forecaster.self, from: saved)
        #expect(restored.forecast(horizon: 28) == forecasters[0].forecast(horizon: 28))
    }
}
