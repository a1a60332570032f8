import EdgeCore
import Logging

/// A log handler that keeps every line (level and message), for tests of what a stage logs.
public struct CapturingLogHandler: LogHandler {
    /// The lines written through every copy of this handler.
    public final class Lines: Sendable {
        private let lines = LockedValue<[(level: Logger.Level, message: String)]>([])
        public init() {}
        public var all: [(level: Logger.Level, message: String)] { lines.withLock { $0 } }
        func append(_ level: Logger.Level, _ message: String) { lines.withLock { $0.append((level, message)) } }
    }

    public let lines: Lines
    public var logLevel: Logger.Level = .trace
    public var metadata: Logger.Metadata = [:]

    public init(lines: Lines) { self.lines = lines }

    /// A logger whose lines land in `lines`.
    public static func logger(_ lines: Lines) -> Logger {
        Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        lines.append(event.level, "\(event.message)")
    }
}
