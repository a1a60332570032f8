import Foundation
import Logging
import ServiceLifecycle

/// Tells systemd how the agent is doing (`Type=notify`): `READY=1` once the pipeline runs,
/// `STATUS=` with a one-line summary (RELOADING=1 and READY=1 around reloads come from
/// ``PipelineSupervisor``), `WATCHDOG=1` every half `$WATCHDOG_USEC` from this loop
/// (at least every second; a stuck process stops pinging), `STOPPING=1` on shutdown. `STATUS=`
/// renders the same ``PipelineHealth`` as the status API.
public struct SystemdNotifier: Service {
    let socket: NotifySocket
    let watchdog: WatchdogSettings?
    let supervisor: PipelineSupervisor
    let statusInterval: Duration
    let logger: Logger

    public init?(environment: [String: String], supervisor: PipelineSupervisor, logger: Logger, statusInterval: Duration = .seconds(5)) {
        guard let socket = NotifySocket(environment: environment) else { return nil }
        self.socket = socket
        self.watchdog = WatchdogSettings(environment: environment)
        self.supervisor = supervisor
        self.statusInterval = statusInterval
        self.logger = logger
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await supervisor.waitUntilReady()
            guard !Task.isCancelled else { return }
            socket.send("READY=1\nSTATUS=\(supervisor.statusLine())")
            logger.debug("notified systemd: ready")
            // Look every second (or at each watchdog ping): STATUS= goes out every statusInterval,
            // and at once when readiness or the set of failing stages changes.
            let tick = min(watchdog?.pingInterval ?? .seconds(1), .seconds(1), statusInterval)
            var sinceStatus = Duration.zero
            var lastFailing = supervisor.health().failing
            while !Task.isCancelled, !Task.isShuttingDownGracefully {
                try? await Task.sleep(for: tick)
                sinceStatus += tick
                var message: [String] = []
                if watchdog != nil { message.append("WATCHDOG=1") }
                let health = supervisor.health()
                if sinceStatus >= statusInterval || health.failing != lastFailing {
                    message.append("STATUS=\(supervisor.statusLine(health))")
                    sinceStatus = .zero
                    lastFailing = health.failing
                }
                if !message.isEmpty { socket.send(message.joined(separator: "\n")) }
            }
        } onGracefulShutdown: {
            socket.send("STOPPING=1\nSTATUS=stopping: draining in-flight records")
        }
    }
}
