import EdgeCore
import EdgeCoreTesting
import Foundation
import RetailCatalog
import RetailWarehouse
import Testing

@Suite struct CalendarTests {
    @Test func isoWeeksCrossYearBoundaries() {
        #expect(DateDimension.isoWeek(of: CivilDate(year: 2021, month: 1, day: 3)) == 53)
        #expect(DateDimension.isoWeek(of: CivilDate(year: 2024, month: 12, day: 30)) == 1)
        #expect(DateDimension.isoWeek(of: CivilDate(year: 2024, month: 1, day: 1)) == 1)
        #expect(DateDimension.isoWeek(of: CivilDate(year: 2026, month: 6, day: 15)) == 25)
    }

    @Test func dateRowsDescribeEachDay() {
        let rows = DateDimension.rows(years: 2024...2024, holidays: .unitedStates)
        #expect(rows.count == 366)
        let leapDay = Int(CivilDate(year: 2024, month: 2, day: 29).daysSinceEpoch - CivilDate(year: 2024, month: 1, day: 1).daysSinceEpoch)
        #expect(rows.row(leapDay) == [.date(CivilDate(year: 2024, month: 2, day: 29).daysSinceEpoch), .int(2024), .int(1), .int(2), .string("February"),
                                      .int(9), .int(4), .string("Thursday"), .bool(false), .bool(false), .null])
        let blackFriday = Int(CivilDate(year: 2024, month: 11, day: 29).daysSinceEpoch - CivilDate(year: 2024, month: 1, day: 1).daysSinceEpoch)
        #expect(rows.row(blackFriday).suffix(2) == [.bool(true), .string("Black Friday")])
    }

    @Test func holidayRowsHoldEveryCalendarsDays() throws {
        let calendars = try HolidayCalendar.parse("""
            calendars:
              GB:
                holidays:
                  - { name: Boxing Day, date: 12-26 }
                  - { name: Spring bank holiday, month: 5, weekday: monday, nth: last }
            """, file: "h.yaml")
        let rows = DateDimension.holidayRows(years: 2024...2025, calendars: calendars + [.unitedStates])
        let gb = (0..<rows.count).map { rows.row($0) }.filter { $0[0] == .string("GB") }
        #expect(gb == [
            [.string("GB"), .date(CivilDate(year: 2024, month: 5, day: 27).daysSinceEpoch), .string("Spring bank holiday")],
            [.string("GB"), .date(CivilDate(year: 2024, month: 12, day: 26).daysSinceEpoch), .string("Boxing Day")],
            [.string("GB"), .date(CivilDate(year: 2025, month: 5, day: 26).daysSinceEpoch), .string("Spring bank holiday")],
            [.string("GB"), .date(CivilDate(year: 2025, month: 12, day: 26).daysSinceEpoch), .string("Boxing Day")],
        ])
        let us2024 = HolidayCalendar.unitedStates.days(in: 2024).count
        #expect(rows.count == 4 + us2024 + HolidayCalendar.unitedStates.days(in: 2025).count)
    }
}
