import Forecasting
import Testing

@Suite("CivilDate: epoch arithmetic, parsing, weekdays")
struct CivilDateTests {
    @Test func roundTripsThroughDaysSinceEpoch() {
        for day in stride(from: -800_000, through: 800_000, by: 997) {
            let date = CivilDate(daysSinceEpoch: day)
            #expect(date.daysSinceEpoch == day)
            #expect(CivilDate(year: date.year, month: date.month, day: date.day) == date)
        }
    }

    @Test func parsesIsoDatesAndRejectsImpossibleOnes() {
        #expect(CivilDate(iso: "1970-01-01")?.daysSinceEpoch == 0)
        #expect(CivilDate(iso: "2024-02-29T10:00:00")?.description == "2024-02-29")
        #expect(CivilDate(iso: "2023-02-29") == nil)
        #expect(CivilDate(iso: "2023/01/01") == nil)
        #expect(CivilDate(iso: "23-1-1") == nil)
    }

    @Test func knowsWeekdays() {
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.weekday == 4)
        #expect(CivilDate(year: 2023, month: 11, day: 24)!.weekday == 5)
        #expect(CivilDate(year: 1969, month: 12, day: 29)!.weekday == 1)
    }
}
