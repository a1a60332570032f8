import EdgeCore

/// The CSV tokenizer (whole input, and cut into two windows as a file read in pieces) and the
/// field parsers on each field it returns.
enum CSVFuzz {
    static let target = FuzzTarget(name: "csv") { input in
        guard let delimiter = input.first else { return }
        let body = Array(input.dropFirst())
        let tokenizer = CSVTokenizer(delimiter: delimiter % 4 == 0 ? UInt8(ascii: ";") : UInt8(ascii: ","))
        let whole = records(tokenizer, body, window: body.count)
        // A window that ends early must give the same records once the rest arrives.
        let cut = body.isEmpty ? 0 : Int(delimiter) % (body.count + 1)
        let pieces = records(tokenizer, body, window: cut)
        precondition(whole == pieces, "records differ when the input is read in two windows")
    }

    /// The records (their unescaped fields, or the malformed reason) in `bytes`, read with the
    /// first `window` bytes available first and the rest later.
    static func records(_ tokenizer: CSVTokenizer, _ bytes: [UInt8], window: Int) -> [[String]] {
        var result: [[String]] = []
        var fields: [CSVTokenizer.FieldRange] = []
        var scratch: [UInt8] = []
        var offset = 0
        var available = window
        bytes.withUnsafeBufferPointer { all in
            while offset < bytes.count {
                let buffer = UnsafeBufferPointer(rebasing: all[0..<available])
                switch tokenizer.next(in: buffer, at: offset, final: available == bytes.count, fields: &fields) {
                case .incomplete:
                    precondition(available < bytes.count, "incomplete at the end of the file")
                    available = bytes.count
                case .record(let next, _):
                    precondition(next > offset && next <= available, "record does not advance")
                    var row: [String] = []
                    for field in fields {
                        precondition(field.start >= offset && field.start <= field.end && field.end <= next, "field outside its record")
                        if field.escaped {
                            tokenizer.unescape(buffer, field, into: &scratch)
                        } else {
                            scratch = Array(buffer[field.start..<field.end])
                        }
                        scratch.withUnsafeBufferPointer { parse($0) }
                        row.append(String(decoding: scratch, as: UTF8.self))
                    }
                    result.append(row)
                    offset = next
                case .malformed(let next, _, let reason):
                    precondition(next > offset && next <= available, "malformed record does not advance")
                    result.append(["!" + reason])
                    offset = next
                }
            }
        }
        return result
    }

    /// Every field parser on one field; none may trap.
    static func parse(_ field: UnsafeBufferPointer<UInt8>) {
        _ = FieldParser.int(field)
        _ = FieldParser.double(field)
        _ = FieldParser.bool(field)
        _ = FieldParser.date(field)
        var naive = false
        _ = FieldParser.timestamp(field, naive: &naive)
    }
}
