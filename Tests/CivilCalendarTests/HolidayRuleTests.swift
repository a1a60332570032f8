import CivilCalendar
import Testing

@Suite("Holiday rules: fixed days, nth and last weekdays, Easter, offsets, multi-day events")
struct HolidayRuleTests {
    static func date(_ day: Int32?) -> CivilDate? { day.map { CivilDate(daysSinceEpoch: $0) } }

    @Test func easterFollowsTheGregorianComputus() {
        let known = [(2000, 4, 23), (2008, 3, 23), (2011, 4, 24), (2019, 4, 21), (2024, 3, 31), (2025, 4, 20), (2038, 4, 25), (2285, 3, 22)]
        for (year, month, day) in known {
            #expect(HolidayRuleTests.date(HolidayRule.easter(days: 0).day(in: year)) == CivilDate(year: year, month: month, day: day))
        }
        #expect(HolidayRuleTests.date(HolidayRule.easter(days: -2).day(in: 2024)) == CivilDate(year: 2024, month: 3, day: 29))
        #expect(HolidayRuleTests.date(HolidayRule.easter(days: 1).day(in: 2025)) == CivilDate(year: 2025, month: 4, day: 21))
    }

    @Test func nthWeekdaysCountFromEitherEndOfTheMonth() {
        let lastMondayOfMay = HolidayRule.nthWeekday(month: 5, weekday: 1, nth: -1)
        #expect(Self.date(lastMondayOfMay.day(in: 2024)) == CivilDate(year: 2024, month: 5, day: 27))
        #expect(Self.date(lastMondayOfMay.day(in: 2021)) == CivilDate(year: 2021, month: 5, day: 31))
        let secondToLastFriday = HolidayRule.nthWeekday(month: 2, weekday: 5, nth: -2)
        #expect(Self.date(secondToLastFriday.day(in: 2024)) == CivilDate(year: 2024, month: 2, day: 16))
        let thanksgiving = HolidayRule.nthWeekday(month: 11, weekday: 4, nth: 4)
        #expect(Self.date(thanksgiving.day(in: 2024)) == CivilDate(year: 2024, month: 11, day: 28))
        #expect(Self.date(thanksgiving.day(in: 2023)) == CivilDate(year: 2023, month: 11, day: 23))
        // A fifth Monday exists in some months only (February 2025 has four).
        #expect(Self.date(HolidayRule.nthWeekday(month: 9, weekday: 1, nth: 5).day(in: 2024)) == CivilDate(year: 2024, month: 9, day: 30))
        #expect(HolidayRule.nthWeekday(month: 2, weekday: 1, nth: 5).day(in: 2025) == nil)
        #expect(HolidayRule.nthWeekday(month: 2, weekday: 1, nth: -5).day(in: 2025) == nil)
    }

    @Test func fixedDaysAndOffsetsSkipYearsWithoutThem() {
        #expect(HolidayRule.fixed(month: 2, day: 29).day(in: 2023) == nil)
        #expect(Self.date(HolidayRule.fixed(month: 2, day: 29).day(in: 2024)) == CivilDate(year: 2024, month: 2, day: 29))
        let cyberMonday = HolidayRule.offset(.nthWeekday(month: 11, weekday: 4, nth: 4), days: 4)
        #expect(Self.date(cyberMonday.day(in: 2024)) == CivilDate(year: 2024, month: 12, day: 2))
        #expect(HolidayRule.offset(.fixed(month: 2, day: 29), days: 1).day(in: 2023) == nil)
    }

    @Test func aCalendarNamesEveryDayOfItsEventsAndTheFirstListedWins() {
        let calendar = HolidayCalendar(name: "T", holidays: [
            Holiday(name: "Christmas Day", rule: .fixed(month: 12, day: 25)),
            Holiday(name: "Shopping week", rule: .fixed(month: 12, day: 20), length: 7),
        ])
        let days = calendar.days(in: 2024)
        let name = { (day: Int) in days[CivilDate(year: 2024, month: 12, day: day).daysSinceEpoch] }
        #expect(days.count == 7)
        #expect((20...26).map(name) == ["Shopping week", "Shopping week", "Shopping week", "Shopping week", "Shopping week", "Christmas Day", "Shopping week"])
        #expect(name(19) == nil && name(27) == nil)
    }

    @Test func theShippedUSCalendarHasTheRetailDays() {
        let days = HolidayCalendar.unitedStates.days(in: 2024)
        let named = { (month: Int, day: Int) in days[CivilDate(year: 2024, month: month, day: day).daysSinceEpoch] }
        #expect(named(11, 28) == "Thanksgiving")
        #expect(named(11, 29) == "Black Friday")
        #expect(named(12, 2) == "Cyber Monday")
        #expect(named(3, 31) == "Easter Sunday")
        #expect(named(5, 27) == "Memorial Day")
        #expect(named(9, 2) == "Labor Day")
        #expect(named(12, 23) == "Last shopping days")
        #expect(named(12, 25) == "Christmas Day")
        #expect(named(7, 5) == nil)
    }
}
