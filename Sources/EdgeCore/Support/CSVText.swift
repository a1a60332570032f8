/// RFC 4180 fields, for sinks that write CSV lines: a field with a comma, a quote or a line
/// break is quoted, its quotes doubled.
public enum CSVText {
    /// Whether `field` must be quoted.
    public static func needsQuoting(_ field: String) -> Bool {
        field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
    }

    /// `field`, quoted if it must be.
    public static func field(_ field: String) -> String {
        needsQuoting(field) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    /// Appends `field`'s UTF-8 to `out`, quoted if it must be.
    public static func append(_ field: String, to out: inout [UInt8]) {
        guard needsQuoting(field) else { return out.append(contentsOf: field.utf8) }
        out.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }
}
