import EdgeCore
import Logging

/// One librdkafka client's log lines, written to the stage's logger. A line that repeats — the
/// same text but for its numbers, such as every failed reconnect to a broker that is down — is
/// written at most once per `interval`, with the count of those left out; debug lines (asked
/// for with the `debug` property) are all written.
final class KafkaLog: Sendable {
    let logger: Logger
    let interval: Duration
    private let seen = LockedValue<[String: (last: ContinuousClock.Instant, left: Int)]>([:])

    init(logger: Logger, interval: Duration = .seconds(30)) {
        self.logger = logger
        self.interval = interval
    }

    /// Writes one line at librdkafka's syslog `level` (0 emergency … 7 debug).
    func write(level: Int32, facility: String, line: String) {
        let level = Self.level(level)
        var text = line
        if level > .debug {
            let key = facility + " " + line.filter { !$0.isNumber }
            let now = ContinuousClock.now
            let leftOut: Int? = seen.withLock { seen in
                if let entry = seen[key], now - entry.last < interval {
                    seen[key]?.left += 1
                    return nil
                }
                defer { seen[key] = (now, 0) }
                if seen.count >= 1024 { seen = seen.filter { now - $0.value.last < interval } }
                return seen[key]?.left ?? 0
            }
            guard let leftOut else { return }
            if leftOut > 0 { text += " (and \(leftOut) more like it)" }
        }
        logger.log(level: level, "\(text)", metadata: ["librdkafka": .string(facility)])
    }

    /// librdkafka's syslog levels as the agent's.
    static func level(_ level: Int32) -> Logger.Level {
        switch level {
        case ...3: .error
        case 4: .warning
        case 5: .notice
        case 6: .info
        default: .debug
        }
    }
}
