@testable import ExecPlugin
import Testing

@Suite("Exec plugins: JSON lines")
struct JSONParserTests {
    @Test func parsesProtocolLinesKeepingKeyOrder() throws {
        let value = try JSONValue.parse(Array(#"{"b":1,"a":[true,null,-2.5e1,"\u00e9\ud83d\ude00\n"]}"#.utf8))
        guard case .object(let entries) = value else { Issue.record("not an object"); return }
        #expect(entries.map(\.key) == ["b", "a"])
        #expect(value["b"] == .integer(1))
        #expect(value["a"] == .array([.bool(true), .null, .number(-25), .string("é😀\n")]))
    }

    @Test func rejectsWhatIsNotJSON() {
        for text in ["this is not json", "{\"a\":1", "{\"a\":01}", "[1,]", "{\"a\":1} x", "\"\u{01}\""] {
            #expect(throws: JSONSyntaxError.self, "\(text)") { try JSONValue.parse(Array(text.utf8)) }
        }
    }
}
