/// The sd_notify(3) conversation as a value: the agent's lifecycle events go in, the
/// notifications to send come out, in an order systemd accepts. `READY=1` (with `STATUS=`) once
/// a pipeline runs and again after each reload or restart; `RELOADING=1` with `MONOTONIC_USEC=`
/// when a reload starts; on each tick `WATCHDOG=1` (when systemd asked for a watchdog) and
/// `STATUS=` every `statusInterval` or at once when the set of failing stages changes;
/// `STOPPING=1` on shutdown, after which nothing more is sent. Knows no socket: see
/// ``SystemdNotifier``.
public struct NotifySequence: Sendable {
    public enum Event: Sendable, Equatable {
        /// A pipeline (the first, a reloaded or a restarted one) is running.
        case ready
        /// A reload starts, at this `CLOCK_MONOTONIC` time.
        case reloading(monotonicMicroseconds: UInt64)
        /// A reload ended without a new pipeline (refused, or nothing changed).
        case reloadSettled
        /// Time passed; these stages are failing now.
        case tick(elapsed: Duration, failing: [String])
        /// The agent is shutting down.
        case stopping
    }

    /// What `STATUS=` says.
    public enum Status: Sendable, Equatable {
        /// The pipeline's status line, rendered by the sender when it sends.
        case pipeline
        case text(String)
    }

    /// One `KEY=value` line of a notification.
    public enum Field: Sendable, Equatable {
        case ready
        case reloading(monotonicMicroseconds: UInt64)
        case watchdog
        case stopping
        case status(Status)
    }

    enum Phase: Sendable, Equatable {
        case starting, running, reloading, stopping
    }

    private(set) var phase = Phase.starting
    private let watchdog: Bool
    private let statusInterval: Duration
    private var sinceStatus = Duration.zero
    private var lastFailing: [String] = []

    public init(watchdog: Bool, statusInterval: Duration) {
        self.watchdog = watchdog
        self.statusInterval = statusInterval
    }

    /// The lines of the notification `event` calls for, in order; empty when nothing is sent.
    public mutating func handle(_ event: Event) -> [Field] {
        guard phase != .stopping else { return [] }
        switch event {
        case .ready, .reloadSettled:
            if event == .reloadSettled, phase == .starting { return [] }
            phase = .running
            sinceStatus = .zero
            return [.ready, .status(.pipeline)]
        case .reloading(let monotonic):
            guard phase != .starting else { return [] }
            phase = .reloading
            return [.reloading(monotonicMicroseconds: monotonic), .status(.text("reloading configuration"))]
        case .tick(let elapsed, let failing):
            guard phase != .starting else { return [] }
            var fields: [Field] = watchdog ? [.watchdog] : []
            sinceStatus += elapsed
            if phase == .running, sinceStatus >= statusInterval || failing != lastFailing {
                fields.append(.status(.pipeline))
                sinceStatus = .zero
                lastFailing = failing
            }
            return fields
        case .stopping:
            phase = .stopping
            return [.stopping, .status(.text("stopping: draining in-flight records"))]
        }
    }

    /// `fields` as one datagram, e.g. `READY=1\nSTATUS=running`; `pipelineStatus` is asked only
    /// when a field needs it.
    public static func message(_ fields: [Field], pipelineStatus: () -> String) -> String {
        fields.map { field -> String in
            switch field {
            case .ready: "READY=1"
            case .reloading(let monotonic): "RELOADING=1\nMONOTONIC_USEC=\(monotonic)"
            case .watchdog: "WATCHDOG=1"
            case .stopping: "STOPPING=1"
            case .status(.pipeline): "STATUS=\(pipelineStatus())"
            case .status(.text(let text)): "STATUS=\(text)"
            }
        }.joined(separator: "\n")
    }
}
