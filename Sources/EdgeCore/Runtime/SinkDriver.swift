import Logging

/// Keeps a sink writing through outages: batches go straight to the sink while it works; when a
/// write fails (or the sink cannot connect) they go to a disk buffer, in order, and a drainer
/// retries with backoff until the destination is back. The buffer is bounded: when it is full
/// the sink stops reading (backpressure). A batch that keeps failing on a live connection is
/// dead-lettered, not retried forever. Other sinks are never stalled by this one.
actor SinkDriver {
    private let sink: any SinkStage
    private let context: StageContext
    /// The upstream stage of each input, named in dead letters.
    private let inputs: [String]
    private let policy: RestartPolicy
    private let buffer: DiskBuffer
    private let maxBufferBytes: Int64
    /// Where failures, recoveries and the buffer's fill are reported.
    private let health: HealthRecorder
    private var connected = false
    /// Consecutive failed writes of the batch at the head of the buffer.
    private var headFailures = 0
    /// With a sink that delivers at commit (``SinkStage/deliveryWindowRows``): the batches written
    /// straight to it since its last successful commit, oldest first, and their rows. Only held
    /// while connected with an empty buffer; a failure moves them to the buffer ahead of the rest.
    private var undelivered: [(batch: RecordBatch, input: Int)] = []
    private var undeliveredRows = 0

    init(sink: any SinkStage, context: StageContext, inputs: [String], policy: RestartPolicy, buffer: DiskBuffer, maxBufferBytes: Int64,
         health: HealthRecorder) {
        self.sink = sink
        self.context = context
        self.inputs = inputs
        self.policy = policy
        self.buffer = buffer
        self.maxBufferBytes = maxBufferBytes
        self.health = health
    }

    /// Opens the buffer and tries to connect once; a sink that cannot connect starts buffering.
    func start(alreadyOpen: Bool) async throws {
        try buffer.open()
        reportBuffer()
        if !buffer.isEmpty {
            context.logger.info("replaying disk buffer", metadata: ["bytes": "\(buffer.pendingBytes)"])
        }
        if alreadyOpen {
            connected = true
            return
        }
        do {
            try await sink.open(context)
            connected = true
        } catch {
            // A wrong password or an unusable target will not get better: say so at start-up.
            if let classified = error as? any TransientClassifying, !classified.isTransient { throw error }
            context.logger.warning("sink unreachable; buffering to disk", metadata: ["error": "\(ErrorText.describe(error))"])
            context.metrics.error()
            health.failed(context.id, error: error)
        }
    }

    /// Tells the health model what the disk buffer holds now.
    private func reportBuffer() {
        health.buffered(context.id, bytes: buffer.pendingBytes, batches: buffer.pendingBatches)
    }

    var pendingBytes: Int64 { buffer.pendingBytes }

    /// Writes a batch, or buffers it when the sink is down or batches are already waiting.
    func write(_ batch: RecordBatch, input: Int) async throws {
        if connected, buffer.isEmpty {
            do {
                try await sink.write(batch, input: input)
                context.metrics.recordOut(batch.count)
                if let window = sink.deliveryWindowRows {
                    undelivered.append((batch, input))
                    undeliveredRows += batch.count
                    if undeliveredRows >= window { _ = try await commitOrBuffer() }
                }
                return
            } catch {
                if Self.isCancellation(error) { throw error }
                if Self.isRowRejection(error), await isolateRejectedRows(batch, input: input, error: error) { return }
                context.logger.warning("write failed; buffering to disk", metadata: ["error": "\(ErrorText.describe(error))"])
                context.metrics.error()
                try bufferUndelivered()
                await disconnect(after: error)
            }
        }
        while buffer.pendingBytes >= maxBufferBytes {
            try await Task.sleep(for: .milliseconds(100))
        }
        try buffer.append(batch, input: input)
        reportBuffer()
    }

    /// Everything written so far survives a crash: committed by the sink, or synced in the buffer.
    /// A failed commit of a sink that delivers at commit is no failure of the checkpoint: what it
    /// had not delivered is then in the synced buffer, to be re-sent.
    func makeDurable() async throws {
        if connected, buffer.isEmpty {
            do {
                _ = try await commitOrBuffer()
            } catch {
                if Self.isCancellation(error) { throw error }
                try buffer.sync()
                await disconnect(after: error)
                throw error
            }
        }
        try buffer.sync()
    }

    /// Commits the sink. When it fails and the sink delivers at commit, the batches it had not
    /// delivered go to the buffer, the connection is dropped and the result is false; any other
    /// sink's failure is thrown.
    private func commitOrBuffer() async throws -> Bool {
        do {
            try await sink.commit()
            undelivered.removeAll(keepingCapacity: true)
            undeliveredRows = 0
            return true
        } catch {
            guard !Self.isCancellation(error), sink.deliveryWindowRows != nil else { throw error }
            context.logger.warning("delivery failed; buffering the undelivered batches to disk",
                                   metadata: ["error": "\(ErrorText.describe(error))", "rows": "\(undeliveredRows)"])
            context.metrics.error()
            try bufferUndelivered()
            await disconnect(after: error)
            return false
        }
    }

    /// Moves the batches written but not delivered to the buffer, in order, ahead of anything
    /// buffered after them (the buffer is empty while they are held).
    private func bufferUndelivered() throws {
        for (batch, input) in undelivered { try buffer.append(batch, input: input) }
        undelivered.removeAll(keepingCapacity: true)
        undeliveredRows = 0
        reportBuffer()
    }

    /// One attempt to move the oldest buffered batch to the sink. Returns false when it failed.
    func drainOne() async -> Bool {
        do {
            if !connected {
                context.metrics.restarted()
                try await sink.open(context)
                connected = true
            }
        } catch {
            context.metrics.retry()
            health.failed(context.id, error: error)
            return false
        }
        do {
            guard let (batch, input) = try buffer.head() else { return true }
            do {
                try await sink.write(batch, input: input)
                // A buffered batch leaves the buffer only once delivered.
                if sink.deliveryWindowRows != nil { try await sink.commit() }
                context.metrics.recordOut(batch.count)
            } catch where Self.isRowRejection(error) {
                guard await isolateRejectedRows(batch, input: input, error: error) else { throw error }
            }
            try buffer.pop()
            reportBuffer()
            headFailures = 0
            if buffer.isEmpty {
                context.logger.info("disk buffer drained; sink healthy again")
                health.recovered(context.id)
            }
            return true
        } catch {
            headFailures += 1
            context.metrics.retry()
            if headFailures > policy.maxRestarts, let (batch, _) = try? buffer.head() {
                // The destination answers but refuses this batch: dead-letter it and move on.
                context.logger.error("batch rejected repeatedly; dead-lettered", metadata: ["error": "\(ErrorText.describe(error))", "rows": "\(batch.count)"])
                for row in 0..<batch.count {
                    context.deadLetter(["reason": "rejected by the sink: \(error)", "row": batch.row(row).map(\.description)])
                }
                try? buffer.pop()
                reportBuffer()
                headFailures = 0
                return true
            }
            await disconnect(after: error)
            return false
        }
    }

    /// After the sink refused `batch` for a reason no retry fixes (a constraint, a value out of
    /// range), writes it in halves, recursively, so that only the rows the destination refuses
    /// on their own are dead-lettered, each with its origin and the database's reason; the
    /// others land. Sinks write idempotently, so parts written twice change nothing. Returns
    /// false when the destination failed transiently meanwhile (the caller buffers the batch).
    private func isolateRejectedRows(_ batch: RecordBatch, input: Int, error: any Error) async -> Bool {
        guard batch.count > 1 else {
            deadLetterRow(batch, input: input, error: error)
            return true
        }
        let middle = batch.count / 2
        // A source range belongs to the whole batch: its halves land without one (a sink
        // keeping positions would skip the second half as applied already).
        var whole = batch
        whole.provenance?.range = nil
        for part in [whole.slice(0..<middle), whole.slice(middle..<batch.count)] {
            do {
                try await sink.write(part, input: input)
                context.metrics.recordOut(part.count)
            } catch where Self.isRowRejection(error) {
                guard await isolateRejectedRows(part, input: input, error: error) else { return false }
            } catch {
                return false
            }
        }
        return true
    }

    private func deadLetterRow(_ batch: RecordBatch, input: Int, error: any Error) {
        var record: [String: any Sendable] = [
            "reason": "rejected by the sink: \(error)",
            "columns": batch.schema.fields.map(\.name),
            "row": batch.row(0).map(\.description),
        ]
        // Where the row came from: the input positions it covers, or (for rows a transform
        // derived) the stage that produced it.
        if let provenance = batch.provenance, !provenance.origin.isEmpty {
            record["origin"] = provenance.first == provenance.last ? "\(provenance.origin):\(provenance.first)" : "\(provenance.origin):\(provenance.first)-\(provenance.last)"
        } else {
            record["origin"] = "stage \(inputs.indices.contains(input) ? inputs[input] : "?")"
        }
        context.logger.warning("row rejected by the sink; dead-lettered", metadata: ["error": "\(ErrorText.describe(error))"])
        context.deadLetter(record)
    }

    private static func isRowRejection(_ error: any Error) -> Bool {
        (error as? any TransientClassifying)?.isRowRejection ?? false
    }

    private func disconnect(after error: any Error) async {
        if connected { await sink.close() }
        connected = false
        health.failed(context.id, error: error)
    }

    func close(keepOpen: Bool) async {
        try? buffer.sync()
        if connected, !keepOpen { await sink.close() }
        if keepOpen { return }
        connected = false
    }

    /// Drains in the background until cancelled: retries with backoff (capped at 5 s).
    nonisolated func runDrainer() async {
        var failures = 0
        let cap = RestartPolicy(maxRestarts: policy.maxRestarts, initialBackoff: policy.initialBackoff, maxBackoff: min(policy.maxBackoff, .seconds(5)))
        while !Task.isCancelled {
            if await pendingBytes == 0 {
                try? await Task.sleep(for: .milliseconds(50))
                continue
            }
            if await drainOne() {
                failures = 0
            } else {
                failures += 1
                try? await Task.sleep(for: cap.delay(forAttempt: failures))
            }
        }
    }

    /// Drains what is left at the end of input, giving up after the stage's restart limit.
    func drainAtEnd() async throws {
        var failures = 0
        while true {
            if buffer.isEmpty {
                guard connected else { return }
                if try await commitOrBuffer() { return }
            } else if await drainOne() {
                failures = 0
                continue
            }
            failures += 1
            guard failures <= policy.maxRestarts else {
                try buffer.sync()
                throw PipelineError(code: .stageFailed, stages: [context.id],
                                    message: "sink '\(context.id)' is unreachable; \(buffer.pendingBytes) bytes stay in its disk buffer for the next run")
            }
            try await Task.sleep(for: policy.delay(forAttempt: failures))
        }
    }

    private static func isCancellation(_ error: any Error) -> Bool {
        error is CancellationError || error is ChannelClosedError
    }
}
