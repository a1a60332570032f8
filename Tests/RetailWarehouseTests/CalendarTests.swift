import EdgeCore
import EdgeCoreTesting
import Foundation
import RetailCatalog
import RetailWarehouse
import Testing

@Suite struct CalendarTests {
    @Test func holidaysFallOnTheirDays() {
        let days = HolidayCalendar.retailDefault.holidays(in: 2024)
        let named = { (month: Int, day: Int) in days[CivilDate(year: 2024, month: month, day: day).daysSinceEpoch] }
        #expect(named(11, 28) == "Thanksgiving")
        #expect(named(11, 29) == "Black Friday")
        #expect(named(3, 31) == "Easter Sunday")
        #expect(named(5, 27) == "Memorial Day")
        #expect(named(9, 2) == "Labor Day")
        #expect(named(12, 25) == "Christmas Day")
        #expect(named(7, 5) == nil)
        #expect(HolidayCalendar.retailDefault.holidays(in: 2025)[CivilDate(year: 2025, month: 4, day: 20).daysSinceEpoch] == "Easter Sunday")
    }

    @Test func isoWeeksCrossYearBoundaries() {
        #expect(DateDimension.isoWeek(of: CivilDate(year: 2021, month: 1, day: 3)) == 53)
        #expect(DateDimension.isoWeek(of: CivilDate(year: 2024, month: 12, day: 30)) == 1)
        #expect(DateDimension.isoWeek(of: CivilDate(year: 2024, month: 1, day: 1)) == 1)
        #expect(DateDimension.isoWeek(of: CivilDate(year: 2026, month: 6, day: 15)) == 25)
    }

    @Test func dateRowsDescribeEachDay() {
        let rows = DateDimension.rows(years: 2024...2024)
        #expect(rows.count == 366)
        let leapDay = Int(CivilDate(year: 2024, month: 2, day: 29).daysSinceEpoch - CivilDate(year: 2024, month: 1, day: 1).daysSinceEpoch)
        #expect(rows.row(leapDay) == [.date(CivilDate(year: 2024, month: 2, day: 29).daysSinceEpoch), .int(2024), .int(1), .int(2), .string("February"),
                                      .int(9), .int(4), .string("Thursday"), .bool(false), .bool(false), .null])
    }
}
