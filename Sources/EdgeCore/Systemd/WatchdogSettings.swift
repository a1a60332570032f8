import Foundation

/// The watchdog systemd asks for: `$WATCHDOG_USEC`, for this process (`$WATCHDOG_PID`).
public struct WatchdogSettings: Sendable, Equatable {
    /// How often to ping: half the timeout, as sd_watchdog_enabled(3) recommends.
    public let pingInterval: Duration

    public init?(environment: [String: String], pid: Int32 = ProcessInfo.processInfo.processIdentifier) {
        guard let text = environment["WATCHDOG_USEC"], let usec = UInt64(text), usec > 0 else { return nil }
        if let owner = environment["WATCHDOG_PID"], let ownerPid = Int32(owner), ownerPid != pid { return nil }
        pingInterval = .microseconds(Int64(usec / 2))
    }
}
