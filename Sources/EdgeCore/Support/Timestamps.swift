/// Formatting of timestamps (microseconds since the Unix epoch, UTC).
public enum Timestamps {
    public static let microsecondsPerDay: Int64 = 86_400_000_000

    /// The UTC calendar day of a timestamp, as days since the epoch.
    @inline(__always)
    public static func day(ofMicroseconds micros: Int64) -> Int32 {
        let days = micros >= 0 ? micros / microsecondsPerDay : (micros - microsecondsPerDay + 1) / microsecondsPerDay
        return Int32(truncatingIfNeeded: days)
    }

    /// ISO 8601 in UTC, e.g. `2024-03-01T09:30:00Z` (fraction only when non-zero).
    public static func format(microseconds micros: Int64) -> String {
        let day = day(ofMicroseconds: micros)
        var rest = micros - Int64(day) * microsecondsPerDay
        let fraction = rest % 1_000_000
        rest /= 1_000_000
        func pad2(_ v: Int64) -> String { v < 10 ? "0\(v)" : String(v) }
        var text = "\(CivilDate(daysSinceEpoch: day))T\(pad2(rest / 3600)):\(pad2(rest / 60 % 60)):\(pad2(rest % 60))"
        if fraction != 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: 6 - digits.count) + digits
        }
        return text + "Z"
    }
}
