import EdgeCore

/// Named days that move retail demand: fixed-date and rule-based holidays, by year. The
/// default set is the US retail calendar (Black Friday, Christmas week, New Year).
public struct HolidayCalendar: Sendable {
    /// How a holiday's date is found in a given year.
    public enum Rule: Sendable, Hashable {
        case fixed(month: Int, day: Int)
        /// The `nth` `weekday` (ISO, 1 = Monday) of `month`; a negative `nth` counts from the end.
        case nthWeekday(month: Int, weekday: Int, nth: Int)
        /// Days after another rule's date (Black Friday = Thanksgiving + 1).
        indirect case offset(Rule, days: Int)
        case easterSunday
    }

    public var holidays: [(name: String, rule: Rule)]

    public init(_ holidays: [(name: String, rule: Rule)]) {
        self.holidays = holidays
    }

    public static let thanksgiving = Rule.nthWeekday(month: 11, weekday: 4, nth: 4)

    public static let retailDefault = HolidayCalendar([
        ("New Year's Day", .fixed(month: 1, day: 1)),
        ("Easter Sunday", .easterSunday),
        ("Memorial Day", .nthWeekday(month: 5, weekday: 1, nth: -1)),
        ("Independence Day", .fixed(month: 7, day: 4)),
        ("Labor Day", .nthWeekday(month: 9, weekday: 1, nth: 1)),
        ("Thanksgiving", thanksgiving),
        ("Black Friday", .offset(thanksgiving, days: 1)),
        ("Cyber Monday", .offset(thanksgiving, days: 4)),
        ("Christmas Eve", .fixed(month: 12, day: 24)),
        ("Christmas Day", .fixed(month: 12, day: 25)),
        ("New Year's Eve", .fixed(month: 12, day: 31)),
    ])

    /// The holidays of `year` as days since the epoch → name.
    public func holidays(in year: Int) -> [Int32: String] {
        var days: [Int32: String] = [:]
        for (name, rule) in holidays {
            if let day = Self.day(of: rule, in: year), days[day] == nil { days[day] = name }
        }
        return days
    }

    static func day(of rule: Rule, in year: Int) -> Int32? {
        switch rule {
        case .fixed(let month, let day):
            return CivilDate.isValid(year: year, month: month, day: day) ? CivilDate(year: year, month: month, day: day).daysSinceEpoch : nil
        case .nthWeekday(let month, let weekday, let nth):
            guard nth != 0 else { return nil }
            if nth > 0 {
                let first = CivilDate(year: year, month: month, day: 1)
                let shift = (weekday - first.isoWeekday + 7) % 7
                let day = 1 + shift + (nth - 1) * 7
                return day <= CivilDate.daysInMonth(year: year, month: month) ? first.daysSinceEpoch + Int32(day - 1) : nil
            }
            let lastDay = CivilDate.daysInMonth(year: year, month: month)
            let last = CivilDate(year: year, month: month, day: lastDay)
            let shift = (last.isoWeekday - weekday + 7) % 7
            let day = lastDay - shift - (-nth - 1) * 7
            return day >= 1 ? last.daysSinceEpoch - Int32(lastDay - day) : nil
        case .offset(let base, let days):
            return day(of: base, in: year).map { $0 + Int32(days) }
        case .easterSunday:
            // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
            let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
            let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
            let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
            let m = (a + 11 * h + 22 * l) / 451
            let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
            return CivilDate(year: year, month: month, day: day).daysSinceEpoch
        }
    }
}
