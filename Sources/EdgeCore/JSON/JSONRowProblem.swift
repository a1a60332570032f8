/// Why a JSON object (or a row of JSON values) is not a row of the decoder's columns.
public enum JSONRowProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not JSON, or not an object.
    case notAnObject
    /// A column without `?` has no value (or `null`).
    case missing(column: String)
    /// A value that does not fit its column's type.
    case wrongType(column: String, type: ColumnType, value: JSONValue)

    public var description: String {
        switch self {
        case .notAnObject: "not a JSON object"
        case .missing(let column): "'\(column)' is missing"
        case .wrongType(let column, let type, let value): "'\(column)' is not a \(type): \(value.plainText)"
        }
    }
}
