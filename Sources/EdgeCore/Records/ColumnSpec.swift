/// A configured input column: its name, type, whether missing values are allowed (as nulls)
/// and, for dates and timestamps that are not ISO 8601, their format. Sources that read text
/// or JSON into typed columns (`csv`, `jsonl`, `kafka`) share this syntax.
public struct ColumnSpec: Sendable {
    public var name: String
    public var type: ColumnType
    public var nullable: Bool
    public var format: DateTimeFormat?

    public init(name: String, type: ColumnType, nullable: Bool, format: DateTimeFormat?) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.format = format
    }

    /// Parses `int`, `double`, `string?`, `timestamp:%m/%d/%Y %H:%M`, `date?:%d.%m.%Y`, … (a `?`
    /// after the type makes the column nullable; a format follows the first colon).
    public static func parse(name: String, spec: String) -> ColumnSpec? {
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
        return ColumnSpec(name: name, type: type, nullable: nullable, format: format)
    }

    /// The value of a text field in this column's type, or nil when it does not parse.
    public func value(text: String) -> Value? {
        switch type {
        case .string: return .string(text)
        case .int: return FieldParser.parse(text, FieldParser.int).map(Value.int)
        case .double: return FieldParser.parse(text, FieldParser.double).map(Value.double)
        case .bool: return FieldParser.parse(text, FieldParser.bool).map(Value.bool)
        case .date:
            let parsed = format.flatMap { format in FieldParser.parse(text) { format.date($0) } } ?? FieldParser.parse(text, FieldParser.date)
            return parsed.map(Value.date)
        case .timestamp:
            if let format {
                return FieldParser.parse(text) { format.timestamp($0) }.map(format.hasZone ? Value.timestamp : Value.naiveTimestamp)
            }
            return FieldParser.timestampValue(text)
        }
    }
}
