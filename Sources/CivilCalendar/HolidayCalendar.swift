/// A named list of holidays (a country's or region's retail calendar). Calendars are data: a
/// YAML file may define more (RetailWarehouse's `HolidayCalendars`); ``unitedStates`` is the
/// shipped default, the one used where nothing names another.
public struct HolidayCalendar: Sendable, Hashable, Codable {
    /// The name configs and the store catalogue use (`calendar: US`).
    public let name: String
    public let holidays: [Holiday]

    public init(name: String, holidays: [Holiday]) {
        self.name = name
        self.holidays = holidays
    }

    /// The days of `year`'s events (a multi-day event's every day) → the event's name; where two
    /// events share a day, the one listed first names it.
    public func days(in year: Int) -> [Int32: String] {
        var days: [Int32: String] = [:]
        for holiday in holidays {
            guard let first = holiday.firstDay(in: year) else { continue }
            for offset in 0..<holiday.length where days[Int32(first + offset)] == nil {
                days[Int32(first + offset)] = holiday.name
            }
        }
        return days
    }

    static let thanksgiving = HolidayRule.nthWeekday(month: 11, weekday: 4, nth: 4)

    /// The US retail calendar: public holidays with a retail effect, and the shopping days around
    /// Thanksgiving, Christmas and New Year.
    public static let unitedStates = HolidayCalendar(name: "US", holidays: [
        Holiday(name: "New Year's Day", rule: .fixed(month: 1, day: 1)),
        Holiday(name: "Easter Sunday", rule: .easter(days: 0)),
        Holiday(name: "Memorial Day", rule: .nthWeekday(month: 5, weekday: 1, nth: -1)),
        Holiday(name: "Independence Day", rule: .fixed(month: 7, day: 4)),
        Holiday(name: "Labor Day", rule: .nthWeekday(month: 9, weekday: 1, nth: 1)),
        Holiday(name: "Thanksgiving", rule: thanksgiving),
        Holiday(name: "Black Friday", rule: .offset(thanksgiving, days: 1)),
        Holiday(name: "Cyber Monday", rule: .offset(thanksgiving, days: 4)),
        Holiday(name: "Last shopping days", rule: .fixed(month: 12, day: 19), length: 5),
        Holiday(name: "Christmas Eve", rule: .fixed(month: 12, day: 24)),
        Holiday(name: "Christmas Day", rule: .fixed(month: 12, day: 25)),
        Holiday(name: "Day after Christmas", rule: .fixed(month: 12, day: 26)),
        Holiday(name: "New Year's Eve", rule: .fixed(month: 12, day: 31)),
    ])
}
