import EdgeCore

/// A configured column: its name, type and whether empty values are allowed (as nulls).
struct CSVColumnSpec: Sendable {
    var name: String
    var type: ColumnType
    var nullable: Bool

    /// Parses `int`, `double`, `string?`, … (a trailing `?` makes the column nullable).
    static func parse(name: String, spec: String) -> CSVColumnSpec? {
        var text = spec.lowercased()
        var nullable = false
        if text.hasSuffix("?") {
            nullable = true
            text.removeLast()
        }
        let aliases: [String: ColumnType] = ["integer": .int, "float": .double, "number": .double, "text": .string, "boolean": .bool, "datetime": .timestamp]
        guard let type = ColumnType(rawValue: text) ?? aliases[text] else { return nil }
        return CSVColumnSpec(name: name, type: type, nullable: nullable)
    }
}
