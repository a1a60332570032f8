import CivilCalendar
import Forecasting
import Testing

@Suite("Forecaster: degenerate and short series")
struct ForecasterEdgeCaseTests {
    func forecast(_ values: [Double], horizon: Int = 14, model: ModelKind = .auto) throws -> (Forecaster, Forecast) {
        let series = try DailySeries(start: SeriesFixtures.start, values: values)
        let forecaster = try Forecaster.fit(series, horizon: horizon, configuration: ForecastConfiguration(model: model))
        return (forecaster, forecaster.forecast(horizon: horizon))
    }

    func expectWellFormed(_ forecast: Forecast, horizon: Int) {
        #expect(forecast.horizon == horizon)
        #expect(forecast.lower.count == horizon && forecast.upper.count == horizon)
        for step in 0..<horizon {
            #expect(forecast.mean[step].isFinite && forecast.mean[step] >= 0)
            #expect(forecast.lower[step] >= 0)
            #expect(forecast.lower[step] <= forecast.mean[step] && forecast.mean[step] <= forecast.upper[step])
        }
    }

    @Test func allZerosForecastZeroWithZeroWidthInterval() throws {
        let (forecaster, forecast) = try forecast([Double](repeating: 0, count: 120))
        #expect(forecaster.demandClass == .allZero)
        #expect(forecast.mean.allSatisfy { $0 == 0 } && forecast.upper.allSatisfy { $0 == 0 })
        expectWellFormed(forecast, horizon: 14)
    }

    @Test func constantSeriesForecastsTheConstant() throws {
        let (forecaster, forecast) = try forecast([Double](repeating: 4, count: 90))
        #expect(forecaster.demandClass == .constant)
        #expect(forecast.mean.allSatisfy { $0 == 4 })
        expectWellFormed(forecast, horizon: 14)
    }

    @Test(arguments: [1, 3, 5, 10])
    func shortHistoryStillForecasts(days: Int) throws {
        let values = (0..<days).map { Double($0 % 3 + 1) }
        let (forecaster, forecast) = try forecast(values, horizon: 7)
        #expect(forecaster.demandClass == (days == 1 ? .constant : .short))
        expectWellFormed(forecast, horizon: 7)
        #expect(forecast.upper.contains { $0 > 0 })
    }

    @Test func singleZeroDayForecastsZero() throws {
        let (_, forecast) = try forecast([0], horizon: 3)
        #expect(forecast.mean == [0, 0, 0])
    }

    @Test func gapsInDatesAreZeroDemand() throws {
        let start = SeriesFixtures.start
        let observations = stride(from: 0, to: 200, by: 3).map { (date: start.adding(days: $0), value: Double(2 + $0 % 5)) }
        let series = try DailySeries(observations: observations, missingDays: .zero)
        #expect(series.values.count == 199)
        let forecaster = try Forecaster.fit(series, horizon: 28)
        #expect(forecaster.demandClass.isIntermittent)
        expectWellFormed(forecaster.forecast(horizon: 28), horizon: 28)
    }

    @Test func zerosBeforeALaunchAreIgnored() throws {
        let launched = [Double](repeating: 0, count: 300) + SeriesFixtures.weekly(days: 120).values
        let (_, forecast) = try forecast(launched, horizon: 28)
        let average = forecast.mean.reduce(0, +) / 28
        #expect(average > 15 && average < 35, "average \(average)")
        expectWellFormed(forecast, horizon: 28)
    }

    @Test func discontinuedProductForecastsNearZero() throws {
        let discontinued = SeriesFixtures.weekly(days: 400).values + [Double](repeating: 0, count: 120)
        let (_, forecast) = try forecast(discontinued, horizon: 28)
        #expect(forecast.mean.allSatisfy { $0 < 2 }, "\(forecast.mean)")
    }

    @Test func seasonalNaiveOnLessThanAWeekIsInsufficientHistory() {
        #expect(throws: ForecastError.self) { try forecast([1, 2, 3], model: .seasonalNaive) }
        do {
            _ = try forecast([1, 2, 3], model: .seasonalNaive)
        } catch let error as ForecastError {
            #expect(error.code == .insufficientHistory)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: ModelKind.allCases)
    func everyModelHandlesThreeWeeks(model: ModelKind) throws {
        let values = SeriesFixtures.weekly(days: 21).values
        let (forecaster, forecast) = try forecast(values, horizon: 10, model: model)
        #expect(!forecaster.components.isEmpty)
        expectWellFormed(forecast, horizon: 10)
    }

    @Test func invalidArgumentsAreTypedErrors() throws {
        let series = SeriesFixtures.weekly(days: 60)
        var configuration = ForecastConfiguration()
        configuration.level = 1.5
        for (horizon, configuration) in [(0, ForecastConfiguration()), (7, configuration)] {
            do {
                _ = try Forecaster.fit(series, horizon: horizon, configuration: configuration)
                Issue.record("expected an error")
            } catch {
                #expect(error.code == .invalidArgument)
            }
        }
    }
}
