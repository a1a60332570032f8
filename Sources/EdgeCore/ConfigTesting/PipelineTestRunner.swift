import Logging

/// Runs a test in process: its rows replace the output of the stages they name, the transforms
/// downstream process them and finish (as at the end of `run --once`), and what they emit is
/// compared with the expectations. Sources and sinks are never started, and dead letters are
/// never written, so no file, database or broker is touched.
public struct PipelineTestRunner: Sendable {
    /// The graph, built freshly for this test (transforms keep state).
    public var pipeline: BuiltPipeline
    public var logger: Logger

    public init(pipeline: BuiltPipeline, logger: Logger) {
        self.pipeline = pipeline
        self.logger = logger
    }

    public func run(_ test: ResolvedPipelineTest) async -> PipelineTestResult {
        var emitted: [String: [RecordBatch]] = [:]
        for injection in test.injections { emitted[injection.output, default: []].append(injection.batch) }
        let injected = Set(test.injections.map(\.stage))
        for node in pipeline.nodes where !injected.contains(node.config.id) {
            guard case .transform(var transform, let main, let ports) = node.stage,
                  node.config.inputs.contains(where: { emitted[$0.id] != nil }) else { continue }
            let context = stageContext(node)
            var out: [RecordBatch] = []
            do {
                for (index, input) in node.config.inputs.enumerated() {
                    for batch in emitted[input.id] ?? [] {
                        out += try await transform.process(batch, input: index, context: context)
                    }
                }
                out += try await transform.finish(context)
            } catch {
                let failure = PipelineTestResult.Failure(stage: node.config.id, location: node.config.location, message: "the stage failed: \(error)", diff: [])
                return PipelineTestResult(test: test.test, failures: [failure])
            }
            // As the runtime does: a batch goes to the named output whose schema it has.
            emitted[node.config.id, default: []] += out.filter { ports.isEmpty || $0.schema == main }
            for (port, schema) in ports {
                emitted[node.config.id + "." + port, default: []] += out.filter { $0.schema == schema }
            }
        }
        let failures = test.expectations.flatMap { expectation in
            evaluate(expectation, got: emitted[expectation.written.output])
        }
        return PipelineTestResult(test: test.test, failures: failures)
    }

    private func stageContext(_ node: BuiltPipeline.Node) -> StageContext {
        var stageLogger = logger
        stageLogger[metadataKey: "stage"] = .string(node.config.id)
        // Never flushed: rejected rows stay in memory.
        let deadLetters = DeadLetterWriter(path: "/dev/null/\(node.config.id).jsonl")
        let metrics = StageMetrics(stage: node.config.id, type: node.config.type, kind: node.config.kind)
        return StageContext(id: node.config.id, type: node.config.type, kind: node.config.kind, logger: stageLogger, metrics: metrics, deadLetters: deadLetters, mode: .once)
    }

    private func evaluate(_ expectation: ResolvedPipelineTest.Expectation, got batches: [RecordBatch]?) -> [PipelineTestResult.Failure] {
        let written = expectation.written
        func failure(_ message: String, _ diff: [String] = []) -> PipelineTestResult.Failure {
            .init(stage: written.output, location: written.location, message: message, diff: diff)
        }
        guard let batches else {
            return [failure("got no rows: it is not downstream of this test's inputs")]
        }
        let schema = expectation.schema
        let rows = batches.flatMap { batch in (0..<batch.count).map { batch.row($0) } }
        var failures: [PipelineTestResult.Failure] = []
        if let count = written.count, rows.count != count {
            failures.append(failure("expected \(count) row\(count == 1 ? "" : "s"), got \(rows.count)", rows.prefix(20).map { "+ " + RowMatcher.show($0, schema: schema) }))
        }
        if let expected = expectation.rows {
            let (missing, extra) = RowMatcher.unmatched(expected: expected, got: rows)
            let unexpected = written.match == .exact ? extra : []
            if !missing.isEmpty || !unexpected.isEmpty {
                var parts: [String] = []
                if !missing.isEmpty { parts.append("\(missing.count) expected row\(missing.count == 1 ? "" : "s") not found") }
                if !unexpected.isEmpty { parts.append("\(unexpected.count) row\(unexpected.count == 1 ? "" : "s") not expected") }
                var diff = missing.map { "- " + RowMatcher.show(expected[$0].cells, schema: schema) }
                diff += unexpected.map { "+ " + RowMatcher.show(rows[$0], schema: schema) }
                // A missing row is easier to read beside what did arrive.
                if unexpected.isEmpty, !missing.isEmpty { diff += rows.prefix(20).map { "  " + RowMatcher.show($0, schema: schema) } }
                failures.append(failure(parts.joined(separator: ", ") + " (\(expected.count) expected, \(rows.count) got)", diff))
            }
        }
        if !expectation.conditions.isEmpty {
            if rows.isEmpty, written.count != 0 {
                failures.append(failure("no rows to check the 'where' conditions on"))
            }
            for condition in expectation.conditions {
                let failing = rows.filter { !RowMatcher.meets($0[condition.column], condition.written.comparison, condition.operand) }
                guard !failing.isEmpty else { continue }
                let c = condition.written
                failures.append(failure("\(failing.count) of \(rows.count) rows fail \(c.column) \(c.comparison.rawValue) \(condition.operand)",
                                        failing.prefix(20).map { "+ " + RowMatcher.show($0, schema: schema) }))
            }
        }
        return failures
    }
}
