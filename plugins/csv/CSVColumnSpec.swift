import EdgeCore

/// A configured column: its name, type, whether empty values are allowed (as nulls) and, for
/// dates and timestamps that are not ISO 8601, their format.
struct CSVColumnSpec: Sendable {
    var name: String
    var type: ColumnType
    var nullable: Bool
    var format: DateTimeFormat?

    /// Parses `int`, `double`, `string?`, `timestamp:%m/%d/%Y %H:%M`, `date?:%d.%m.%Y`, … (a `?`
    /// after the type makes the column nullable; a format follows the first colon).
    static func parse(name: String, spec: String) -> CSVColumnSpec? {
        var format: DateTimeFormat?
        var typeText = Substring(spec)
        if let colon = spec.firstIndex(of: ":") {
            typeText = spec[..<colon]
            guard let compiled = DateTimeFormat(String(spec[spec.index(after: colon)...])) else { return nil }
            format = compiled
        }
        var text = typeText.lowercased()
        var nullable = false
        if text.hasSuffix("?") {
            nullable = true
            text.removeLast()
        }
        let aliases: [String: ColumnType] = ["integer": .int, "float": .double, "number": .double, "text": .string, "boolean": .bool, "datetime": .timestamp]
        guard let type = ColumnType(rawValue: text) ?? aliases[text] else { return nil }
        if format != nil, type != .date, type != .timestamp { return nil }
        return CSVColumnSpec(name: name, type: type, nullable: nullable, format: format)
    }
}
