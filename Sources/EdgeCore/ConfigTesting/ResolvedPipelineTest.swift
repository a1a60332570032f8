/// A ``PipelineTest`` checked against the built graph: its rows typed by the schemas of the
/// stages they belong to, ready to inject and compare.
public struct ResolvedPipelineTest: Sendable {
    /// Rows that replace the output `output` (`stage` or `stage.port`) of stage `stage`.
    public struct Injection: Sendable {
        public var output: String
        public var stage: String
        public var batch: RecordBatch
    }

    /// An expected output with its values typed.
    public struct Expectation: Sendable {
        public var written: PipelineTest.Expectation
        public var schema: Schema
        /// Expected rows: for each, the checked columns' positions in `schema` and their values.
        public var rows: [TypedRow]?
        public var conditions: [TypedCondition]
    }

    /// The columns a written row names, by position in the schema, with their typed values.
    public struct TypedRow: Sendable {
        public var cells: [(column: Int, value: Value)]
    }

    /// A `where:` condition with its column's position and its operand typed.
    public struct TypedCondition: Sendable {
        public var written: RowCondition
        public var column: Int
        public var operand: Value
    }

    public var test: PipelineTest
    public var injections: [Injection]
    public var expectations: [Expectation]
}
