/// Splits RFC 4180 records out of a byte buffer: quoted fields with `""` escapes and embedded
/// newlines, LF or CRLF line ends. Works on a window of a file: a record cut by the end of the
/// window is reported as incomplete until more bytes (or the end of the file) arrive. The
/// `csv` source and `forecast --input` read their files with it.
public struct CSVTokenizer: Sendable {
    /// One field: bytes `start..<end` of the buffer; `escaped` when it holds `""` pairs.
    public struct FieldRange: Sendable {
        public var start: Int
        public var end: Int
        public var escaped: Bool

        public init(start: Int, end: Int, escaped: Bool) {
            self.start = start
            self.end = end
            self.escaped = escaped
        }
    }

    public enum Outcome: Equatable, Sendable {
        /// A record ends before `next`; it spans `newlines` line breaks.
        case record(next: Int, newlines: Int)
        /// The window ends inside the record; read more.
        case incomplete
        /// A malformed record, skipped up to `next`.
        case malformed(next: Int, newlines: Int, reason: String)
    }

    public let delimiter: UInt8
    public let quote: UInt8 = UInt8(ascii: "\"")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    public init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    /// Reads the record that starts at `offset`. `final` says the window ends at the end of the file.
    public func next(in buffer: UnsafeBufferPointer<UInt8>, at offset: Int, final: Bool, fields: inout [FieldRange]) -> Outcome {
        fields.removeAll(keepingCapacity: true)
        let count = buffer.count
        var i = offset
        var newlines = 0
        while true {
            if i < count, buffer[i] == quote {
                i += 1
                let start = i
                var escaped = false
                var end = -1
                while i < count {
                    let byte = buffer[i]
                    if byte == quote {
                        if i + 1 < count, buffer[i + 1] == quote {
                            escaped = true
                            i += 2
                            continue
                        }
                        if i + 1 == count, !final { return .incomplete }
                        end = i
                        i += 1
                        break
                    }
                    if byte == Self.newline { newlines += 1 }
                    i += 1
                }
                guard end >= 0 else {
                    return final ? .malformed(next: count, newlines: newlines, reason: "unterminated quoted field") : .incomplete
                }
                fields.append(FieldRange(start: start, end: end, escaped: escaped))
                if i < count, buffer[i] == delimiter {
                    i += 1
                    continue
                }
                if i < count, buffer[i] == Self.carriageReturn, i + 1 < count, buffer[i + 1] == Self.newline {
                    return .record(next: i + 2, newlines: newlines + 1)
                }
                if i < count, buffer[i] == Self.newline { return .record(next: i + 1, newlines: newlines + 1) }
                if i == count || (i + 1 == count && buffer[i] == Self.carriageReturn) {
                    return final ? .record(next: count, newlines: newlines) : .incomplete
                }
                // Text after a closing quote: skip the rest of the line.
                while i < count, buffer[i] != Self.newline { i += 1 }
                if i == count, !final { return .incomplete }
                return .malformed(next: min(i + 1, count), newlines: newlines + (i < count ? 1 : 0), reason: "unexpected text after a closing quote")
            }
            let start = i
            while i < count {
                let byte = buffer[i]
                if byte == delimiter || byte == Self.newline { break }
                i += 1
            }
            if i < count, buffer[i] == delimiter {
                fields.append(FieldRange(start: start, end: i, escaped: false))
                i += 1
                continue
            }
            if i == count, !final { return .incomplete }
            var end = i
            if end > start, buffer[end - 1] == Self.carriageReturn { end -= 1 }
            fields.append(FieldRange(start: start, end: end, escaped: false))
            return i < count ? .record(next: i + 1, newlines: newlines + 1) : .record(next: count, newlines: newlines)
        }
    }

    /// The field's bytes with `""` turned into `"` (only called for escaped fields).
    public func unescape(_ buffer: UnsafeBufferPointer<UInt8>, _ field: FieldRange, into scratch: inout [UInt8]) {
        scratch.removeAll(keepingCapacity: true)
        var i = field.start
        while i < field.end {
            scratch.append(buffer[i])
            i += buffer[i] == quote ? 2 : 1
        }
    }
}
