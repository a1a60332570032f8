import EdgeCore

/// A sink done by a child process: each batch is sent with an id and the child answers `ack`
/// once it is durable, or `nack` (`retry: true` to try again later, `false` to refuse its
/// rows). Failures go through the runtime's sink driver: batches are buffered to disk while the
/// child is restarted with backoff, refused rows are isolated and dead-lettered.
struct ExecSink: SinkStage {
    let session: PluginSession

    func open(_ context: StageContext) async throws {
        do {
            try await session.start()
        } catch {
            await session.stop(grace: .zero)
            throw error
        }
    }

    func write(_ batch: RecordBatch, input: Int) async throws {
        let settings = session.settings
        let id = await session.makeId()
        try await session.send(ProtocolBatch.encode(batch, id: id))
        guard let answer = try await session.receive(timeout: settings.timeout) else {
            throw ExecPluginError(.timeout, "plugin did not acknowledge batch \(id) within \(settings.timeout.seconds)s")
        }
        guard answer["id"]?.integer == Int64(id) else {
            throw ExecPluginError(.protocolViolation, "expected ack or nack for batch \(id), got \(answer.jsonText.prefix(200))")
        }
        switch answer["type"]?.string {
        case "ack":
            return
        case "nack":
            let reason = answer["error"]?.string ?? "no reason given"
            throw answer["retry"]?.bool == false
                ? ExecPluginError(.rejected, "plugin refused batch \(id): \(reason)")
                : ExecPluginError(.retryLater, "plugin could not write batch \(id) now: \(reason)")
        default:
            throw ExecPluginError(.protocolViolation, "expected ack or nack for batch \(id), got \(answer.jsonText.prefix(200))")
        }
    }

    /// Acknowledged batches are durable already.
    func commit() async throws {}

    func close() async {
        await session.stop()
    }
}
