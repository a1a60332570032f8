import ServiceLifecycle

/// The periodic half of the systemd conversation: the first `READY=1` once the pipeline is
/// ready, then a tick every ``SystemdNotifier/tickInterval`` (watchdog pings, status updates),
/// and `STOPPING=1` on graceful shutdown.
public struct SystemdHeartbeat: Service {
    let notifier: SystemdNotifier
    let supervisor: PipelineSupervisor

    public init(notifier: SystemdNotifier, supervisor: PipelineSupervisor) {
        self.notifier = notifier
        self.supervisor = supervisor
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await supervisor.waitUntilReady()
            guard !Task.isCancelled else { return }
            notifier.post(.ready) { supervisor.statusLine() }
            let tick = notifier.tickInterval
            while !Task.isCancelled, !Task.isShuttingDownGracefully {
                try? await Task.sleep(for: tick)
                let health = supervisor.health()
                notifier.post(.tick(elapsed: tick, failing: health.failing)) { supervisor.statusLine(health) }
            }
        } onGracefulShutdown: {
            notifier.post(.stopping) { supervisor.statusLine() }
        }
    }
}
