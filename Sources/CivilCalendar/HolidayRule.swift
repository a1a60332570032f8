/// How a holiday's (first) day is found in a given year.
public indirect enum HolidayRule: Sendable, Hashable, Codable {
    /// The same month and day every year (none in a year without that day, e.g. February 29).
    case fixed(month: Int, day: Int)
    /// The `nth` ISO `weekday` (1 = Monday … 7 = Sunday) of `month`; a negative `nth` counts from
    /// the month's end (-1 = the last).
    case nthWeekday(month: Int, weekday: Int, nth: Int)
    /// Days after Western (Gregorian) Easter Sunday; negative before it (Good Friday = -2).
    case easter(days: Int)
    /// Days after another rule's day (Black Friday = Thanksgiving + 1).
    case offset(HolidayRule, days: Int)

    /// The rule's day in `year`, as days since 1970-01-01; nil when the year has no such day.
    public func day(in year: Int) -> Int32? {
        switch self {
        case .fixed(let month, let day):
            return CivilDate.isValid(year: year, month: month, day: day) ? CivilDate(year: year, month: month, day: day).daysSinceEpoch : nil
        case .nthWeekday(let month, let weekday, let nth):
            guard (1...12).contains(month), (1...7).contains(weekday), nth != 0 else { return nil }
            let length = CivilDate.daysInMonth(year: year, month: month)
            if nth > 0 {
                let first = CivilDate(year: year, month: month, day: 1)
                let day = 1 + (weekday - first.isoWeekday + 7) % 7 + (nth - 1) * 7
                return day <= length ? first.daysSinceEpoch + Int32(day - 1) : nil
            }
            let last = CivilDate(year: year, month: month, day: length)
            let day = length - (last.isoWeekday - weekday + 7) % 7 + (nth + 1) * 7
            return day >= 1 ? last.daysSinceEpoch - Int32(length - day) : nil
        case .easter(let days):
            return Self.easterSunday(year).daysSinceEpoch + Int32(days)
        case .offset(let base, let days):
            return base.day(in: year).map { $0 + Int32(days) }
        }
    }

    /// Western Easter Sunday of `year` (the anonymous Gregorian algorithm of Meeus, Jones and Butcher).
    public static func easterSunday(_ year: Int) -> CivilDate {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: year, month: month, day: day)
    }
}
