/// Turns JSON into rows of typed columns: one object per row (`jsonl` lines, Kafka `json`
/// messages) with values found by column name, or a list of values already in column order (exec
/// protocol batches). A `null` or missing value is a null in a column with `?`.
public struct JSONRowDecoder: Sendable {
    /// How closely a JSON value must match its column's type.
    public enum Typing: Sendable {
        /// Also numbers written as strings (`"5"` in an `int` column) and numbers in `string`
        /// columns: data written by others (files, Kafka topics).
        case lenient
        /// Numbers for `int` and `double`, strings for `string`, dates and timestamps,
        /// `true`/`false` for `bool`: a protocol.
        case strict
    }

    public let columns: [ColumnSpec]
    public let typing: Typing

    /// Cheap enough to make per message: it only keeps its arguments.
    public init(columns: [ColumnSpec], typing: Typing) {
        self.columns = columns
        self.typing = typing
    }

    /// Parses `bytes` as one JSON object and appends its row to `builders` (one per column), or
    /// returns why it cannot (nothing appended).
    public func append(json bytes: [UInt8], to builders: inout [ColumnBuilder]) -> JSONRowError? {
        guard let object = try? JSONValue.parse(bytes) else { return .notAnObject }
        switch row(object: object) {
        case .success(let values):
            for (index, value) in values.enumerated() { builders[index].append(value) }
            return nil
        case .failure(let problem):
            return problem
        }
    }

    /// The row of a JSON object; keys that name no column are ignored, and of a repeated key the
    /// last value counts.
    public func row(object: JSONValue) -> Result<[Value], JSONRowError> {
        guard case .object(let entries) = object else { return .failure(.notAnObject) }
        var found = [JSONValue](repeating: .null, count: columns.count)
        for entry in entries {
            // Columns are few: a scan beats hashing every key.
            if let index = columns.firstIndex(where: { $0.name == entry.key }) { found[index] = entry.value }
        }
        return row(values: found)
    }

    /// The row of values given in column order (`values.count == columns.count`).
    public func row(values: [JSONValue]) -> Result<[Value], JSONRowError> {
        var row: [Value] = []
        row.reserveCapacity(columns.count)
        for (column, json) in zip(columns, values) {
            if case .null = json {
                guard column.nullable else { return .failure(JSONRowError(code: .missing, column: column.name)) }
                row.append(.null)
                continue
            }
            guard let value = value(json, as: column) else { return .failure(JSONRowError(code: .wrongType, column: column.name, type: column.type, value: json)) }
            row.append(value)
        }
        return .success(row)
    }

    /// `json` (not null) in `column`'s type, or nil when it does not fit.
    public func value(_ json: JSONValue, as column: ColumnSpec) -> Value? {
        let lenient = typing == .lenient
        switch json {
        case .string(let text):
            switch column.type {
            case .string, .date, .timestamp: return column.value(text: text)
            case .int, .double, .bool: return lenient ? column.value(text: text) : nil
            }
        case .integer(let v):
            switch column.type {
            case .int: return .int(v)
            case .double: return .double(Double(v))
            case .string: return lenient ? .string(String(v)) : nil
            default: return nil
            }
        case .number(let v):
            switch column.type {
            case .int: return json.integer.map(Value.int)
            case .double: return .double(v)
            case .string: return lenient ? .string(String(v)) : nil
            default: return nil
            }
        case .bool(let b):
            return column.type == .bool ? .bool(b) : nil
        case .null, .array, .object:
            return nil
        }
    }
}
