extension JSONValue {
    /// The value as compact JSON text.
    public var jsonText: String {
        switch self {
        case .null: "null"
        case .bool(let b): String(b)
        case .integer(let v): String(v)
        case .number(let v): String(v)
        case .string(let s): JSONText.string(s)
        case .array(let items): "[" + items.map(\.jsonText).joined(separator: ",") + "]"
        case .object(let entries): "{" + entries.map { JSONText.string($0.key) + ":" + $0.value.jsonText }.joined(separator: ",") + "}"
        }
    }

    /// A string as it is, anything else as JSON text: for messages about a value.
    public var plainText: String {
        if case .string(let s) = self { return s }
        return jsonText
    }
}
