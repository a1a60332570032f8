import EdgeCore
import Testing

@Suite struct CSVTokenizerTests {
    /// Splits `text` into records of field strings.
    func records(_ text: String, final: Bool = true) -> [[String]]? {
        let bytes = Array(text.utf8)
        let tokenizer = CSVTokenizer(delimiter: UInt8(ascii: ","))
        var fields: [CSVTokenizer.FieldRange] = []
        var out: [[String]] = []
        var offset = 0
        var scratch: [UInt8] = []
        return bytes.withUnsafeBufferPointer { buffer -> [[String]]? in
            while offset < buffer.count {
                switch tokenizer.next(in: buffer, at: offset, final: final, fields: &fields) {
                case .incomplete: return out.isEmpty ? nil : out
                case .malformed(let next, _, let reason):
                    out.append(["!" + reason])
                    offset = next
                case .record(let next, _):
                    out.append(fields.map { field in
                        if field.escaped {
                            tokenizer.unescape(buffer, field, into: &scratch)
                            return String(decoding: scratch, as: UTF8.self)
                        }
                        return String(decoding: UnsafeBufferPointer(rebasing: buffer[field.start..<field.end]), as: UTF8.self)
                    })
                    offset = next
                }
            }
            return out
        }
    }

    @Test func plainAndQuotedFields() {
        #expect(records("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(records("\"x, y\",\"say \"\"hi\"\"\",z\n") == [["x, y", "say \"hi\"", "z"]])
        #expect(records("a,,\n") == [["a", "", ""]])
    }

    @Test func crlfAndMissingFinalNewline() {
        #expect(records("a,b\r\n1,2\r\n") == [["a", "b"], ["1", "2"]])
        #expect(records("a,b\n1,2") == [["a", "b"], ["1", "2"]])
        #expect(records("\"q\"\r\n") == [["q"]])
    }

    @Test func newlinesInsideQuotes() {
        #expect(records("\"line1\nline2\",x\n") == [["line1\nline2", "x"]])
    }

    @Test func incompleteRecordsWaitForMoreBytes() {
        #expect(records("a,b\n1,2", final: false) == [["a", "b"]])
        #expect(records("\"open", final: false) == nil)
    }

    @Test func malformedRecordsAreSkippedAlone() {
        #expect(records("\"a\"b,c\nok,1\n") == [["!unexpected text after a closing quote"], ["ok", "1"]])
        #expect(records("ok,1\n\"never closed,2\n") == [["ok", "1"], ["!unterminated quoted field"]])
    }
}
