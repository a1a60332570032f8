/// Tells systemd how the agent is doing (`Type=notify`): feeds the agent's lifecycle events to a
/// ``NotifySequence`` and writes the notifications it yields to `$NOTIFY_SOCKET`, one at a time
/// and in order. The events come from ``PipelineSupervisor`` (ready, reloads) and
/// ``SystemdHeartbeat`` (ticks, stopping).
public final class SystemdNotifier: Sendable {
    private let socket: NotifySocket
    private let sequence: LockedValue<NotifySequence>
    /// How often the heartbeat ticks: every watchdog ping, at least every second and every
    /// status interval.
    public let tickInterval: Duration

    /// `nil` without `$NOTIFY_SOCKET`.
    public init?(environment: [String: String], statusInterval: Duration = .seconds(5)) {
        guard let socket = NotifySocket(environment: environment) else { return nil }
        let watchdog = WatchdogSettings(environment: environment)
        self.socket = socket
        self.sequence = LockedValue(NotifySequence(watchdog: watchdog != nil, statusInterval: statusInterval))
        self.tickInterval = min(watchdog?.pingInterval ?? .seconds(1), .seconds(1), statusInterval)
    }

    /// Sends what `event` calls for (maybe nothing); `pipelineStatus` renders `STATUS=` when
    /// the notification carries the pipeline's status line.
    public func post(_ event: NotifySequence.Event, pipelineStatus: () -> String) {
        sequence.withLock { sequence in
            let fields = sequence.handle(event)
            guard !fields.isEmpty else { return }
            socket.send(NotifySequence.message(fields, pipelineStatus: pipelineStatus))
        }
    }
}
