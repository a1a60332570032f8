/// Bounds how much of a child's stderr reaches the log: `linesPerSecond` lines in each second,
/// the rest counted and reported once when the next second begins (a chatty or looping plugin
/// once filled 470 MB of log in 15 s).
struct StderrThrottle {
    let linesPerSecond: Int
    private var windowStart: ContinuousClock.Instant?
    private var linesInWindow = 0
    private var suppressed = 0

    init(linesPerSecond: Int = 50) {
        self.linesPerSecond = linesPerSecond
    }

    /// Whether to log a line seen `now`, and how many lines were suppressed in the window that
    /// just ended (to report before it), if any.
    mutating func admit(at now: ContinuousClock.Instant) -> (log: Bool, suppressedBefore: Int?) {
        var report: Int?
        if windowStart.map({ now - $0 >= .seconds(1) }) ?? true {
            if suppressed > 0 { report = suppressed }
            windowStart = now
            linesInWindow = 0
            suppressed = 0
        }
        guard linesInWindow < linesPerSecond else {
            suppressed += 1
            return (false, report)
        }
        linesInWindow += 1
        return (true, report)
    }
}
