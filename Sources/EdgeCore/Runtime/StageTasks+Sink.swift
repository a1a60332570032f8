extension StageTasks {
    /// Starts a sink's driver (connection, disk buffer), writes its inputs, makes them durable
    /// at every barrier before acknowledging it, and drains (or keeps in the buffer) at the end.
    func runSink(
        _ sink: any SinkStage, node: BuiltPipeline.Node, context: StageContext, inputs: [BoundedChannel<StreamEvent>],
        coordinator: CheckpointCoordinator
    ) async throws {
        let id = context.id
        let driver = SinkDriver(
            sink: sink, context: context, inputs: node.config.inputs.map(\.id), policy: node.settings.restart,
            buffer: DiskBuffer(directory: pipeline.config.dataDirectory + "/buffers/" + id), maxBufferBytes: node.settings.bufferMaxBytes,
            health: health
        )
        try await driver.start(alreadyOpen: openSinks.contains(id))
        readiness.started(sink: id)
        let reader = InputReader(inputs: inputs)
        // The background drainer is stopped (it finishes the batch it is moving) before the last
        // drain, and before the sink closes: two drains at once would each pop the other's batch.
        let drainer = Task { await driver.runDrainer() }
        do {
            try await reader.run { event in
                switch event {
                case .batch(let batch, let input):
                    context.metrics.recordIn(batch.count)
                    let started = ContinuousClock.now
                    try await driver.write(batch, input: input)
                    context.metrics.batchTook(ContinuousClock.now - started)
                case .barrier(let barrier):
                    try await retrying(node: node, stage: context) { try await driver.makeDurable() }
                    try context.deadLetters.flush(sync: true)
                    do {
                        try await coordinator.sink(id, acknowledged: barrier.id, deadLetterLength: context.deadLetters.length)
                    } catch {
                        throw PipelineError(code: .checkpoint, stages: [id], message: "\(error)")
                    }
                case .end:
                    drainer.cancel()
                    await drainer.value
                    if isStopping, await driver.pendingBytes > 0 {
                        // Stopping with the destination down: the buffer is durable and is
                        // replayed at the next start.
                        try await driver.makeDurable()
                        let pending = await driver.pendingBytes
                        context.logger.warning("stopping with batches in the disk buffer; they are written at the next start",
                                               metadata: ["bytes": "\(pending)"])
                    } else {
                        try await driver.drainAtEnd()
                    }
                    try context.deadLetters.flush(sync: true)
                }
            }
            drainer.cancel()
            await drainer.value
        } catch {
            drainer.cancel()
            await drainer.value
            await driver.close(keepOpen: false)
            throw error
        }
        await driver.close(keepOpen: isHandedOver(id))
        do {
            try await coordinator.sinkFinished(id, deadLetterLength: context.deadLetters.length)
        } catch {
            throw PipelineError(code: .checkpoint, stages: [id], message: "\(error)")
        }
        finished(id)
    }
}
