/// A `where:` condition of a test, `{ column: macro_f1, ">=": 0.7 }`: a column compared with a value.
public struct RowCondition: Sendable {
    /// The comparison, written as its operator.
    public enum Comparison: String, Sendable, CaseIterable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }

    public var column: String
    public var comparison: Comparison
    /// The value compared with, as written.
    public var operand: TestRow.Cell
    public var location: SourceLocation
}
