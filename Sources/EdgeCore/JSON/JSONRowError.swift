/// Why a JSON object (or a list of JSON values) is not a row of a ``JSONRowDecoder``'s columns.
public struct JSONRowError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case notAnObject = "not_an_object", missing, wrongType = "wrong_type"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// The text is not JSON, or not an object.
        public static let notAnObject = Code(.notAnObject)
        /// A column without `?` has no value, or `null`.
        public static let missing = Code(.missing)
        /// A value does not fit its column's type.
        public static let wrongType = Code(.wrongType)
        public var description: String { base.rawValue }
    }

    public var code: Code
    /// The column at fault (empty for `notAnObject`).
    public var column: String
    /// What the column holds (`wrongType` only).
    public var type: ColumnType?
    /// The value found (`null` when missing).
    public var value: JSONValue

    public init(code: Code, column: String = "", type: ColumnType? = nil, value: JSONValue = .null) {
        self.code = code
        self.column = column
        self.type = type
        self.value = value
    }

    public static let notAnObject = JSONRowError(code: .notAnObject)

    public var description: String {
        switch code {
        case .missing: "'\(column)' is missing"
        case .wrongType: "'\(column)' is not a \(type.map(\.rawValue) ?? "value"): \(value.plainText)"
        default: "not a JSON object"
        }
    }
}
