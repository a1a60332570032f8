import CivilCalendar
import Forecasting
import Foundation
import Testing

@Suite("Models: fit, predict, saved form")
struct ModelTests {
    @Test func additiveLearnsTheWeeklyPattern() {
        let series = SeriesFixtures.weekly(days: 400, noise: 0.5)
        let model = AdditiveModel.fit(series)
        let forecast = model.predict(horizon: 14)
        let expected = (400..<414).map { (20 + 0.01 * Double($0)) * [0.8, 0.9, 1.0, 1.0, 1.1, 1.5, 1.3][$0 % 7] }
        for (predicted, truth) in zip(forecast, expected) { #expect(abs(predicted - truth) / truth < 0.08) }
    }

    @Test func additiveLearnsAHolidayFromPastYears() throws {
        let start = CivilDate(year: 2020, month: 1, day: 1)
        let end = CivilDate(year: 2023, month: 11, day: 20)
        let values = (start.daysSinceEpoch...end.daysSinceEpoch).map { day -> Double in
            let date = CivilDate(daysSinceEpoch: day)
            let isBlackFriday = date.month == 11 && date.isoWeekday == 5 && (22...28).contains(date.day - 1)
            return isBlackFriday ? 60 : 20
        }
        let model = AdditiveModel.fit(try DailySeries(start: start, values: values))
        let forecast = model.predict(horizon: 10)
        let blackFriday = Int(CivilDate(year: 2023, month: 11, day: 24).daysSinceEpoch) - model.forecastStart
        #expect(forecast[blackFriday] > 40)
        #expect(forecast[0] < 25)
    }

    @Test func meanPointForecastsCorrectTheLogBias() throws {
        let series = try DailySeries(start: 0, values: SeriesFixtures.poissonCounts(days: 300, mean: 1.5, seed: 3))
        var configuration = AdditiveConfiguration()
        let median = AdditiveModel.fit(series, configuration: configuration).predict(horizon: 28).reduce(0, +)
        configuration.pointForecast = .mean
        let mean = AdditiveModel.fit(series, configuration: configuration).predict(horizon: 28).reduce(0, +)
        let actualMean = series.values.reduce(0, +) / Double(series.values.count)
        #expect(mean > median)
        #expect(abs(mean / 28 - actualMean) < 0.25 * actualMean)
    }

    @Test func etsPicksASeasonalVariantForSeasonalData() {
        let model = ETSModel.fit(SeriesFixtures.weekly(days: 200))
        #expect(model.specification.seasonality != .none)
        let forecast = model.predict(horizon: 7)
        #expect(forecast.max()! > 1.3 * forecast.min()!)
    }

    @Test func seasonalNaiveRepeatsTheLastWeek() throws {
        let model = try SeasonalNaiveModel.fit(try DailySeries(start: 0, values: [9, 1, 2, 3, 4, 5, 6, 7]))
        #expect(model.predict(horizon: 9) == [1, 2, 3, 4, 5, 6, 7, 1, 2])
        #expect(model.forecastStart == 8)
    }

    @Test func intermittentMethodsForecastTheDemandRate() throws {
        let values = (0..<300).map { $0 % 4 == 0 ? 4.0 : 0 }
        let series = try DailySeries(start: 0, values: values)
        #expect(abs(CrostonModel.fit(series).predict(horizon: 1)[0] - 1) < 0.05)
        #expect(abs(TSBModel.fit(series).predict(horizon: 1)[0] - 1) < 0.3)
    }

    @Test func savedForecasterRoundTripsAndCarriesItsVersion() throws {
        let forecaster = try Forecaster.fit(SeriesFixtures.weekly(days: 120), horizon: 14)
        let data = try JSONEncoder().encode(forecaster)
        let json = try #require(String(data: data, encoding: .utf8))
        #expect(json.contains("\"version\":1"))
        let restored = try JSONDecoder().decode(Forecaster.self, from: data)
        #expect(restored.forecast(horizon: 14) == forecaster.forecast(horizon: 14))
    }

    @Test(arguments: [ModelKind.additive, .ets, .seasonalNaive, .croston, .tsb, .level])
    func everySavedModelRoundTrips(kind: ModelKind) throws {
        let forecaster = try Forecaster.fit(SeriesFixtures.weekly(days: 60), horizon: 7, configuration: ForecastConfiguration(model: kind))
        let model = try #require(forecaster.components.first)
        #expect(model.kind == kind)
        let restored = try JSONDecoder().decode(FittedModel.self, from: try JSONEncoder().encode(model))
        #expect(restored.model.predict(horizon: 7) == model.model.predict(horizon: 7))
    }

    @Test func unknownVersionIsRejected() throws {
        let model = LevelModel.fit(try DailySeries(start: 0, values: [1, 2, 3]))
        let json = String(decoding: try JSONEncoder().encode(model), as: UTF8.self).replacingOccurrences(of: "\"version\":1", with: "\"version\":99")
        #expect(throws: ForecastError.self) { try JSONDecoder().decode(LevelModel.self, from: Data(json.utf8)) }
    }

    @Test func classifiesDemandPatterns() {
        #expect(DemandClass.classify([0, 0, 0]) == .allZero)
        #expect(DemandClass.classify([2, 2]) == .constant)
        #expect(DemandClass.classify([1, 2, 3]) == .short)
        #expect(DemandClass.classify(SeriesFixtures.weekly(days: 60).values) == .smooth)
        #expect(DemandClass.classify((0..<60).map { $0 % 3 == 0 ? 2 : 0 }) == .intermittent)
        #expect(DemandClass.classify((0..<60).map { $0 % 3 == 0 ? Double($0 % 9 == 0 ? 30 : 1) : 0 }) == .lumpy)
    }
}
