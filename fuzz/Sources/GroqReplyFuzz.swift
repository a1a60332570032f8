@testable import GroqPlugin

/// The Groq source's reading of a model's answer (JSON, fenced or not, anything at all).
enum GroqReplyFuzz {
    static let target = FuzzTarget(name: "groq") { input in
        let (candidates, dropped) = GeneratedTweetParser.parse(String(decoding: input, as: UTF8.self))
        precondition(dropped.values.allSatisfy { $0 > 0 }, "a drop reason counted zero times")
        for candidate in candidates {
            precondition(GeneratedTweetParser.sentiments.contains(candidate.sentiment), "unknown sentiment accepted")
            precondition(!candidate.text.isEmpty, "empty text accepted")
        }
    }
}
