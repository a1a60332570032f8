import Foundation

/// Small JSON writing helpers: values of records and plain objects, for the status API and for
/// plugins that write JSON lines.
public enum JSONText {
    /// `text` as a JSON string.
    public static func string(_ text: String) -> String {
        var out: [UInt8] = []
        append(string: text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `value` as JSON: numbers and booleans bare, dates and timestamps as ISO 8601 strings.
    public static func value(_ value: Value) -> String {
        var out: [UInt8] = []
        append(value: value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` as a JSON string, in UTF-8, to `out`.
    public static func append(string text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
            case ..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xf)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Appends `value` as JSON, in UTF-8, to `out`.
    public static func append(value: Value, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .int(let v): out.append(contentsOf: String(v).utf8)
        case .double(let v): out.append(contentsOf: (v.isFinite ? String(v) : "null").utf8)
        case .bool(let v): out.append(contentsOf: (v ? "true" : "false").utf8)
        case .string(let v): append(string: v, to: &out)
        case .date, .timestamp, .naiveTimestamp: append(string: value.description, to: &out)
        }
    }

    public static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    public static func array(_ items: [String]) -> String {
        "[" + items.joined(separator: ",") + "]"
    }
}
