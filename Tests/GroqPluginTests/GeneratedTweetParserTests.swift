@testable import GroqPlugin
import Testing

@Suite("groq: tweets out of a model's answer")
struct GeneratedTweetParserTests {
    @Test func readsAnArrayInACodeFenceAfterProse() {
        let answer = """
            ```json
            [{"text": "  Love the new oat milk! #yum ", "sentiment": "Positive", "product_id": "P1", "store_id": "S2"},
             {"text": "Queue was long", "sentiment": "negative"}]
            ```
            """
        let (candidates, dropped) = GeneratedTweetParser.parse(answer)
        #expect(candidates == [
            .init(text: "Love the new oat milk! #yum", sentiment: "positive", productID: "P1", storeID: "S2"),
            .init(text: "Queue was long", sentiment: "negative", productID: nil, storeID: nil),
        ])
        #expect(dropped.isEmpty)
        #expect(GeneratedTweetParser.parse(#"Here you go: {"tweets": [{"text": "ok", "sentiment": "neutral"}]}"#).candidates.count == 1)
    }

    @Test func countsWhatItDropsByReason() {
        let answer = #"[{"text": "a", "sentiment": "ecstatic"}, {"text": "  ", "sentiment": "neutral"}, {"sentiment": "neutral"}, 7, {"text": "b", "sentiment": "neutral"}]"#
        let (candidates, dropped) = GeneratedTweetParser.parse(answer)
        #expect(candidates.map(\.text) == ["b"])
        #expect(dropped == ["unknown_sentiment": 1, "empty_text": 1, "missing_fields": 2])
        #expect(GeneratedTweetParser.parse("I cannot help with that.") == ([], ["malformed": 1]))
        #expect(GeneratedTweetParser.parse("[]") == ([], ["malformed": 1]))
    }

    @Test func cutsTweetsAtAThousandCharacters() {
        let long = String(repeating: "x", count: 5000)
        #expect(GeneratedTweetParser.parse(#"[{"text": "\#(long)", "sentiment": "neutral"}]"#).candidates.first?.text.count == 1000)
    }
}
