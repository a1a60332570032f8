/// One entry of a configuration's `tests:` section: rows injected as some stages' output, and
/// what other stages must emit in reply. `retail-edge test` runs it in process; `run` and
/// `validate` only check it.
public struct PipelineTest: Sendable {
    /// Rows that stand in for a stage's output (`stage` or `stage.port`).
    public struct Injection: Sendable {
        public var output: String
        public var location: SourceLocation
        public var rows: [TestRow]
    }

    /// What a stage's output (`stage` or `stage.port`) must hold.
    public struct Expectation: Sendable {
        /// How `rows` are compared with what the stage emits.
        public enum Match: String, Sendable, CaseIterable {
            /// Exactly these rows, in any order.
            case exact
            /// These rows among others.
            case contains
        }

        public var output: String
        public var location: SourceLocation
        /// Expected rows; a row names only the columns it checks. `nil`: rows are not compared.
        public var rows: [TestRow]?
        public var match: Match
        /// How many rows the stage must emit.
        public var count: Int?
        /// Conditions every emitted row must meet (and at least one row must be emitted).
        public var conditions: [RowCondition]
    }

    public var name: String
    public var location: SourceLocation
    public var inputs: [Injection]
    public var outputs: [Expectation]
}
