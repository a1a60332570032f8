@testable import TextAnalysis

/// The sentiment tokenizer on untrusted text, with and without negation marking: tokens lie
/// inside its byte buffer.
enum SentimentFuzz {
    static let target = FuzzTarget(name: "sentiment") { input in
        guard let flags = input.first else { return }
        var tokenizer = SentimentTokenizer(marksNegation: flags & 1 == 1)
        tokenizer.tokenize(String(decoding: input.dropFirst(), as: UTF8.self))
        for token in tokenizer.tokens {
            precondition(token.range.lowerBound >= 0 && token.range.upperBound <= tokenizer.bytes.count, "token outside the token bytes")
        }
    }
}
