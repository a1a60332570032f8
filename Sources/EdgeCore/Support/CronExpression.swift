import Foundation

/// A five-field cron expression (minute, hour, day of month, month, day of week; `*`, lists,
/// ranges and `/` steps; Sunday is 0 or 7), matched against local time.
public struct CronExpression: Sendable, Equatable {
    let minutes: Set<Int>, hours: Set<Int>, days: Set<Int>, months: Set<Int>, weekdays: Set<Int>
    let anyDay: Bool, anyWeekday: Bool

    /// Parses `text`; errors name the field that is wrong.
    public init(_ text: String) throws(CronExpressionError) {
        let fields = text.split(separator: " ").map(String.init)
        guard fields.count == 5 else { throw CronExpressionError("a cron expression has 5 fields, '\(text)' has \(fields.count)") }
        minutes = try Self.parse(fields[0], 0...59)
        hours = try Self.parse(fields[1], 0...23)
        days = try Self.parse(fields[2], 1...31)
        months = try Self.parse(fields[3], 1...12)
        weekdays = Set(try Self.parse(fields[4], 0...7).map { $0 % 7 })
        anyDay = fields[2] == "*"
        anyWeekday = fields[4] == "*"
    }

    static func parse(_ field: String, _ range: ClosedRange<Int>) throws(CronExpressionError) -> Set<Int> {
        var values: Set<Int> = []
        for part in field.split(separator: ",") {
            let pieces = part.split(separator: "/", maxSplits: 1)
            let step = pieces.count == 2 ? Int(pieces[1]) : 1
            guard let step, step > 0 else { throw CronExpressionError("bad step in '\(part)'") }
            var bounds: ClosedRange<Int>
            if pieces[0] == "*" {
                bounds = range
            } else if let dash = pieces[0].firstIndex(of: "-") {
                guard let low = Int(pieces[0][..<dash]), let high = Int(pieces[0][pieces[0].index(after: dash)...]), low <= high else {
                    throw CronExpressionError("bad range '\(part)'")
                }
                bounds = low...high
            } else {
                guard let value = Int(pieces[0]) else { throw CronExpressionError("'\(part)' is not a number") }
                bounds = value...(pieces.count == 2 ? range.upperBound : value)
            }
            guard range.contains(bounds.lowerBound), range.contains(bounds.upperBound) else {
                throw CronExpressionError("'\(part)' is outside \(range.lowerBound)-\(range.upperBound)")
            }
            values.formUnion(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
        }
        return values
    }

    /// Whether the expression matches the minute of `date` in `calendar`'s time zone. As in cron,
    /// when both day of month and day of week are restricted, either may match.
    public func matches(_ date: Date, calendar: Calendar) -> Bool {
        let c = calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: date)
        guard let minute = c.minute, let hour = c.hour, let day = c.day, let month = c.month, let weekday = c.weekday else { return false }
        guard minutes.contains(minute), hours.contains(hour), months.contains(month) else { return false }
        let dayMatches = days.contains(day), weekdayMatches = weekdays.contains(weekday - 1)
        if anyDay || anyWeekday { return (anyDay || dayMatches) && (anyWeekday || weekdayMatches) }
        return dayMatches || weekdayMatches
    }

    /// Whether a matching minute lies in `(after, upTo]` (checked minute by minute, at most a week).
    public func matchesBetween(_ after: Date, _ upTo: Date, calendar: Calendar) -> Bool {
        var minute = (after.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60
        let end = max(upTo.timeIntervalSince1970, minute)
        let limit = minute + 7 * 86_400
        while minute <= min(end, limit) {
            if matches(Date(timeIntervalSince1970: minute), calendar: calendar) { return true }
            minute += 60
        }
        return end > limit
    }
}
