import CivilCalendar

/// A yearly event whose days get their own additive effect, one per day of the event.
public struct HolidayEvent: Sendable, Hashable, Codable {
    /// The date the event is placed relative to, each year.
    public enum Anchor: Sendable, Hashable, Codable {
        /// A fixed month and day.
        case fixed(month: Int, day: Int)
        /// The `ordinal`-th ISO `weekday` (1 Monday ... 7 Sunday) of `month`.
        case nthWeekday(month: Int, weekday: Int, ordinal: Int)
    }

    public let name: String
    public let anchor: Anchor
    /// Days from the anchor to the first day of the event.
    public let offset: Int
    /// Number of days the event lasts.
    public let length: Int

    public init(name: String, anchor: Anchor, offset: Int = 0, length: Int = 1) {
        self.name = name
        self.anchor = anchor
        self.offset = offset
        self.length = max(1, length)
    }

    /// The day after Thanksgiving (fourth Thursday of November).
    public static let blackFriday = HolidayEvent(name: "black_friday", anchor: .nthWeekday(month: 11, weekday: 4, ordinal: 4), offset: 1)
    /// December 19 to 26: the last shopping days, Christmas and Boxing Day.
    public static let christmasWeek = HolidayEvent(name: "christmas_week", anchor: .fixed(month: 12, day: 24), offset: -5, length: 8)
    /// New Year's Eve and New Year's Day.
    public static let newYear = HolidayEvent(name: "new_year", anchor: .fixed(month: 12, day: 31), length: 2)
    /// The events used when the caller names none.
    public static let defaults: [HolidayEvent] = [.blackFriday, .christmasWeek, .newYear]

    /// First day of the event in `year`, as days since 1970-01-01.
    func firstDay(in year: Int) -> Int {
        switch anchor {
        case .fixed(let month, let day):
            let month = min(max(month, 1), 12)
            let day = min(max(day, 1), CivilDate.daysInMonth(year: year, month: month))
            return Int(CivilDate(year: year, month: month, day: day).daysSinceEpoch) + offset
        case .nthWeekday(let month, let weekday, let ordinal):
            let firstDate = CivilDate(year: year, month: min(max(month, 1), 12), day: 1)
            let first = Int(firstDate.daysSinceEpoch)
            let shift = ((weekday - firstDate.isoWeekday) % 7 + 7) % 7
            return first + shift + 7 * (ordinal - 1) + offset
        }
    }
}
