import CivilCalendar
import Forecasting
import Testing

@Suite("DailySeries: validation and densifying")
struct DailySeriesTests {
    @Test func negativeValueIsATypedError() {
        #expect(throws: ForecastError(.negativeValue, "value -1.0 on 2022-01-04")) {
            try DailySeries(start: SeriesFixtures.start, values: [1, -1, 2])
        }
    }

    @Test func nonFiniteAndEmptyAreTypedErrors() {
        #expect(errorCode { try DailySeries(start: 0, values: [1, .nan]) } == .nonFiniteValue)
        #expect(errorCode { try DailySeries(start: 0, values: []) } == .emptySeries)
        #expect(errorCode { try DailySeries(observations: [(day: Int, value: Double)](), missingDays: .zero) } == .emptySeries)
    }

    @Test func gapsAreFilledWithZeroAndRepeatsSummed() throws {
        let start = SeriesFixtures.start
        let series = try DailySeries(observations: [(date: start.adding(days: 4), value: 5), (date: start, value: 2), (date: start, value: 1)], missingDays: .zero)
        #expect(series.start == Int(start.daysSinceEpoch))
        #expect(series.values == [3, 0, 0, 0, 5])
        #expect(series.end == Int(start.daysSinceEpoch) + 4)
    }

    @Test func gapsCanBeRejected() {
        let observations = [(day: 10, value: 1.0), (day: 12, value: 1.0)]
        #expect(errorCode { try DailySeries(observations: observations, missingDays: .reject) } == .missingDays)
    }

    private func errorCode(_ body: () throws -> DailySeries) -> ForecastError.Code? {
        do {
            _ = try body()
            return nil
        } catch {
            return (error as? ForecastError)?.code
        }
    }
}
