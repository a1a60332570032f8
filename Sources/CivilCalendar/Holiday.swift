/// A named yearly event that moves retail demand: its first day by a ``HolidayRule`` and how many
/// days it lasts. The date dimension names its days; the forecasting models give each of its
/// days its own effect.
public struct Holiday: Sendable, Hashable, Codable {
    public let name: String
    public let rule: HolidayRule
    /// Days the event lasts, from the rule's day (at least 1).
    public let length: Int

    public init(name: String, rule: HolidayRule, length: Int = 1) {
        self.name = name
        self.rule = rule
        self.length = max(1, length)
    }

    /// First day of the event in `year`, as days since 1970-01-01; nil when the year has none.
    public func firstDay(in year: Int) -> Int? {
        rule.day(in: year).map(Int.init)
    }
}
