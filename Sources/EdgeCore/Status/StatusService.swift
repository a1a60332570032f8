import ServiceLifecycle

/// The status API's HTTP server and the sampler that fills its ``StageHistory``, as one service:
/// both stop when the server does (graceful shutdown).
struct StatusService: Service {
    let application: any Service
    let history: StageHistory
    let health: @Sendable () -> PipelineHealth

    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.run() }
            group.addTask { await history.run(sampling: health) }
            try await group.next()
            group.cancelAll()
        }
    }
}
