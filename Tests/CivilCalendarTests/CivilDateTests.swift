import CivilCalendar
import Testing

@Suite("CivilDate: epoch arithmetic, validity, weekdays")
struct CivilDateTests {
    @Test func roundTripsThroughDaysSinceEpoch() {
        for day in stride(from: -800_000, through: 800_000, by: 997) {
            let date = CivilDate(daysSinceEpoch: day)
            #expect(Int(date.daysSinceEpoch) == day)
            #expect(CivilDate.isValid(year: date.year, month: date.month, day: date.day))
            #expect(CivilDate(year: date.year, month: date.month, day: date.day) == date)
        }
    }

    @Test func rejectsImpossibleDays() {
        #expect(CivilDate.isValid(year: 2024, month: 2, day: 29))
        #expect(!CivilDate.isValid(year: 2023, month: 2, day: 29))
        #expect(!CivilDate.isValid(year: 1900, month: 2, day: 29))
        #expect(CivilDate.isValid(year: 2000, month: 2, day: 29))
        #expect(!CivilDate.isValid(year: 2024, month: 13, day: 1))
        #expect(!CivilDate.isValid(year: 2024, month: 4, day: 31))
    }

    @Test func knowsWeekdaysAndAddsDays() {
        #expect(CivilDate(year: 1970, month: 1, day: 1).isoWeekday == 4)
        #expect(CivilDate(year: 2023, month: 11, day: 24).isoWeekday == 5)
        #expect(CivilDate(year: 1969, month: 12, day: 29).isoWeekday == 1)
        #expect(CivilDate(year: 2024, month: 2, day: 28).adding(days: 2) == CivilDate(year: 2024, month: 3, day: 1))
        #expect(CivilDate(year: 1970, month: 1, day: 1).adding(days: -1).description == "1969-12-31")
    }
}
