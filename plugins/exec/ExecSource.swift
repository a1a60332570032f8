import EdgeCore

/// A source whose records come from a child process. The child's batches are emitted with a
/// position counting them; once a checkpoint covers a batch (every sink made it durable) the
/// child gets `{"type":"ack","id":N}` for it. A child that exits, hangs at hello or breaks the
/// protocol is restarted with backoff. Failures count until a child has run for ``healthyRun``
/// (emitting batches does not reset them: a child that sends its rows and exits would otherwise
/// send them again forever); past `max_restarts` the stage fails for good (exit 70).
struct ExecSource: SourceStage {
    let settings: ExecSettings
    let schema: Schema
    /// How long a child must run before its earlier failures are forgiven.
    static let healthyRun: Duration = .seconds(60)

    /// A batch emitted but not yet acknowledged to the child.
    private struct Pending {
        var position: UInt64
        var id: Int64
    }

    func run(_ context: SourceContext) async throws {
        let session = PluginSession(settings: settings, output: schema)
        let stage = context.stage
        var emitted = context.restoredPosition.flatMap(Self.decode) ?? 0
        var pending: [Pending] = []
        var failures = 0
        var startedAt = ContinuousClock.now

        func acknowledge() async throws(ExecPluginError) {
            guard !pending.isEmpty, let committed = await context.committedPosition().flatMap(Self.decode) else { return }
            while let first = pending.first, first.position <= committed {
                try await session.send("{\"type\":\"ack\",\"id\":\(first.id)}\n")
                pending.removeFirst()
            }
        }

        do {
            while !context.isStopping {
                do {
                    if await !session.isRunning {
                        pending.removeAll()
                        startedAt = ContinuousClock.now
                        try await session.start()
                    }
                    guard let message = try await session.receive(timeout: .milliseconds(100), metrics: stage.metrics) else {
                        try await context.idle(position: Self.encode(emitted))
                        try await acknowledge()
                        continue
                    }
                    switch message["type"]?.string {
                    case "batch":
                        guard let id = message["id"]?.integer else { throw ExecPluginError(.protocolViolation, "a batch needs an integer 'id'") }
                        if let last = pending.last, id <= last.id {
                            throw ExecPluginError(.protocolViolation, "batch id \(id) after \(last.id): a source's ids must increase")
                        }
                        let (batch, rejected) = try ProtocolBatch.decode(message, schema: schema)
                        for row in rejected {
                            stage.deadLetter(["reason": row.reason, "row": row.row, "batch": id])
                        }
                        stage.metrics.bytesRead(batch.count)
                        emitted += 1
                        pending.append(Pending(position: emitted, id: id))
                        try await context.emit(batch, position: Self.encode(emitted))
                    case "end":
                        guard context.mode == .once else { break }
                        try await waitForAcknowledgements(context: context, emitted: emitted, pending: { pending.isEmpty }, acknowledge: acknowledge)
                        await session.stop()
                        return
                    default:
                        throw ExecPluginError(.protocolViolation, "a source may send batch, end, log or error, not \(message.jsonText.prefix(200))")
                    }
                    try await acknowledge()
                } catch let error as ExecPluginError {
                    await session.stop(grace: .zero)
                    stage.metrics.error()
                    if ContinuousClock.now - startedAt >= Self.healthyRun { failures = 0 }
                    failures += 1
                    guard failures <= settings.restart.maxRestarts else {
                        stage.logger.error("plugin failed; restart limit reached", metadata: ["error": "\(error)", "attempts": "\(failures)"])
                        throw ExecPluginError(.restartLimit, "the plugin failed \(failures) times without running \(Int(Self.healthyRun.seconds))s (max_restarts \(settings.restart.maxRestarts)); last: \(error)")
                    }
                    stage.logger.error("plugin failed; restarting it", metadata: ["error": "\(error)", "attempt": "\(failures)"])
                    stage.metrics.retry()
                    stage.metrics.restarted()
                    let resume = ContinuousClock.now + settings.restart.delay(forAttempt: failures)
                    while ContinuousClock.now < resume, !context.isStopping {
                        try await Task.sleep(for: .milliseconds(50))
                        try await context.idle(position: Self.encode(emitted))
                    }
                }
            }
        } catch {
            await session.stop(grace: .zero)
            throw error
        }
        await session.stop()
    }

    /// `run --once` after `end`: checkpoints until every batch is durable and acknowledged.
    private func waitForAcknowledgements(
        context: SourceContext, emitted: UInt64, pending isDone: () -> Bool,
        acknowledge: () async throws(ExecPluginError) -> Void
    ) async throws {
        while !isDone(), !context.isStopping {
            await context.requestCheckpoint()
            try await context.idle(position: Self.encode(emitted))
            try await acknowledge()
            if isDone() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    static func encode(_ position: UInt64) -> [UInt8] {
        withUnsafeBytes(of: position.bigEndian, Array.init)
    }

    static func decode(_ bytes: [UInt8]) -> UInt64? {
        guard bytes.count == 8 else { return nil }
        return bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
