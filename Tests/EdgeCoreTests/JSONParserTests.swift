import EdgeCore
import Testing

@Suite("JSON lines: parsing")
struct JSONParserTests {
    @Test func parsesLinesKeepingKeyOrder() throws {
        let value = try JSONValue.parse(Array(#"{"b":1,"a":[true,null,-2.5e1,"\u00e9\ud83d\ude00\n"]}"#.utf8))
        guard case .object(let entries) = value else { Issue.record("not an object"); return }
        #expect(entries.map(\.key) == ["b", "a"])
        #expect(value["b"] == .integer(1))
        #expect(value["a"] == .array([.bool(true), .null, .number(-25), .string("é😀\n")]))
        #expect(value.jsonText == #"{"b":1,"a":[true,null,-25.0,"é😀\n"]}"#)
    }

    @Test func rejectsWhatIsNotJSON() {
        for text in ["this is not json", "{\"a\":1", "{\"a\":01}", "[1,]", "{\"a\":1} x", "\"\u{01}\""] {
            #expect(throws: JSONSyntaxError.self, "\(text)") { try JSONValue.parse(Array(text.utf8)) }
        }
    }

    /// Hostile input costs time linear in its length: deep nesting and huge numbers are errors,
    /// not a stack overflow or a slow float parse.
    @Test func deepNestingAndHugeNumbersAreRefusedCheaply() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect { try JSONValue.parse(Array(deep.utf8)) } throws: { ($0 as? JSONSyntaxError)?.message == "nested too deeply" }
        let nested = String(repeating: "[", count: JSONParser.maxDepth - 1) + String(repeating: "]", count: JSONParser.maxDepth - 1)
        #expect(throws: Never.self) { try JSONValue.parse(Array(nested.utf8)) }
        let long = "{\"a\":" + String(repeating: "9", count: 1_000_000) + "}"
        #expect { try JSONValue.parse(Array(long.utf8)) } throws: { ($0 as? JSONSyntaxError)?.message.hasPrefix("number longer than") == true }
        #expect { try JSONValue.parse(Array("1e999".utf8)) } throws: { ($0 as? JSONSyntaxError)?.message == "number out of range" }
        #expect(try JSONValue.parse(Array("12345678901234567890".utf8)) == .number(Double("12345678901234567890")!))
        #expect(try JSONValue.parse(Array("-9223372036854775808".utf8)) == .integer(.min))
    }
}
