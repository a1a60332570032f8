import EdgeCore

/// A transform done by a child process: each batch is sent with an id and the child answers
/// with exactly one batch of the same id. A child that exits, hangs or answers badly is
/// restarted with backoff and the batch sent again; after `max_restarts` failures in a row the
/// batch's rows are dead-lettered and the stage goes on, so one bad child does not stop the
/// agent.
struct ExecTransform: TransformStage {
    let session: PluginSession

    func process(_ batch: RecordBatch, input: Int, context: StageContext) async throws -> [RecordBatch] {
        let settings = session.settings
        var failures = 0
        while true {
            do {
                if await !session.isRunning { try await session.start() }
                let id = await session.makeId()
                try await session.send(ProtocolBatch.encode(batch, id: id))
                guard let answer = try await session.receive(timeout: settings.timeout, metrics: context.metrics) else {
                    throw ExecPluginError(.timeout, "plugin did not answer batch \(id) within \(settings.timeout.seconds)s")
                }
                guard answer["type"]?.string == "batch", answer["id"]?.integer == Int64(id) else {
                    throw ExecPluginError(.protocolViolation, "expected the batch with id \(id), got \(answer.jsonText.prefix(200))")
                }
                let (out, rejected) = try ProtocolBatch.decode(answer, schema: session.output ?? batch.schema)
                for row in rejected { context.deadLetter(["reason": row.reason, "row": row.row]) }
                return out.count > 0 ? [out] : []
            } catch let error as ExecPluginError {
                failures += 1
                context.metrics.error()
                await session.stop(grace: .zero)
                guard failures <= settings.restart.maxRestarts else {
                    context.logger.error("plugin failed on this batch too often; its rows are dead-lettered", metadata: ["error": "\(error)", "rows": "\(batch.count)"])
                    for row in 0..<batch.count {
                        context.deadLetter(["reason": "exec transform failed: \(error)", "columns": batch.schema.fields.map(\.name), "row": batch.row(row).map(\.description)])
                    }
                    return []
                }
                let delay = settings.restart.delay(forAttempt: failures)
                context.logger.error("plugin failed; restarting it", metadata: ["error": "\(error)", "attempt": "\(failures)", "retry_in_ms": "\(Int(delay.seconds * 1000))"])
                context.metrics.retry()
                context.metrics.restarted()
                try await Task.sleep(for: delay)
            }
        }
    }

    func finish(_ context: StageContext) async throws -> [RecordBatch] {
        await session.stop()
        return []
    }
}
