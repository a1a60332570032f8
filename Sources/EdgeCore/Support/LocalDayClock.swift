import Foundation

/// The local calendar day of instants in one time zone, DST-correct through the system's tz
/// database (Foundation's `TimeZone`). It remembers, per UTC day, the zone's offset and the
/// instant of a transition within that day, so a row costs a comparison when input is roughly
/// in time order and a dictionary lookup otherwise.
public struct LocalDayClock: Sendable {
    public let zone: TimeZone

    /// One UTC day: the offset from its start until `transition` (an instant, or `.max`).
    private struct Span {
        var day: Int32
        var offset: Int64
        var transition: Int64
    }

    private var last = Span(day: .min, offset: 0, transition: .max)
    private var spans: [Int32: Span] = [:]
    /// Bounds the memory of hostile input spread over many centuries.
    private static let maxSpans = 50_000

    public init(_ zone: TimeZone) {
        self.zone = zone
    }

    /// The local day (days since 1970-01-01) of an instant (microseconds since the epoch, UTC).
    @inline(__always)
    public mutating func day(ofInstant micros: Int64) -> Int32 {
        let utcDay = Timestamps.day(ofMicroseconds: micros)
        if utcDay != last.day { last = span(of: utcDay) }
        let offset = micros < last.transition ? last.offset : offset(at: micros)
        return Timestamps.day(ofMicroseconds: micros &+ offset)
    }

    /// The zone's UTC offset at an instant, in microseconds.
    public func offset(at micros: Int64) -> Int64 {
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        return Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))) * 1_000_000
    }

    private mutating func span(of day: Int32) -> Span {
        if let known = spans[day] { return known }
        let start = Int64(day) * Timestamps.microsecondsPerDay
        let end = start + Timestamps.microsecondsPerDay
        var span = Span(day: day, offset: offset(at: start), transition: .max)
        let startDate = Date(timeIntervalSince1970: Double(start / 1_000_000))
        if let next = zone.nextDaylightSavingTimeTransition(after: startDate) {
            let instant = Int64(next.timeIntervalSince1970 * 1_000_000)
            if instant < end { span.transition = instant }
        }
        // An offset change the transition API did not report: look the offset up for every row.
        if span.transition == .max, offset(at: end - 1_000_000) != span.offset { span.transition = start }
        if spans.count >= Self.maxSpans { spans.removeAll(keepingCapacity: true) }
        spans[day] = span
        return span
    }
}
