/// How one test went: passed, or the expectations it failed with what was expected and got.
public struct PipelineTestResult: Sendable {
    /// One unmet expectation, or a stage that failed while the test ran.
    public struct Failure: Sendable {
        /// The output (`stage` or `stage.port`) or the failing stage.
        public var stage: String
        public var location: SourceLocation
        public var message: String
        /// `- row` expected and not found, `+ row` got and not expected.
        public var diff: [String]
    }

    public var test: PipelineTest
    public var failures: [Failure]

    public var passed: Bool { failures.isEmpty }

    /// `ok    NAME`, or `FAIL  NAME` with each failure and its diff, indented.
    public var report: String {
        guard !passed else { return "ok    \(test.name)" }
        var lines = ["FAIL  \(test.name)"]
        for failure in failures {
            lines.append("  \(failure.location): stage '\(failure.stage)': \(failure.message)")
            lines += failure.diff.map { "    " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}
