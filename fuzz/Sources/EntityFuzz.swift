import NLPPlugin
@testable import TextAnalysis

/// The NER tokenizer and recogniser on untrusted text, against the sample catalogue: spans in
/// order, inside the text, not overlapping, and naming what they cover. With the shipped word
/// lists, so the evidence rules run too.
enum EntityFuzz {
    static let recognizer = EntityRecognizer(catalog: .sampleRetail, words: try! DefaultEnglishWords.load())

    static let target = FuzzTarget(name: "ner") { input in
        let text = String(decoding: input, as: UTF8.self)
        let scalars = Array(text.unicodeScalars)
        _ = MentionTokenizer.tokens(in: scalars)
        var previousEnd = 0
        for entity in recognizer.entities(in: text) {
            precondition(entity.start >= previousEnd && entity.start < entity.end && entity.end <= scalars.count, "span out of order or outside the text")
            precondition(entity.text == String(String.UnicodeScalarView(scalars[entity.start..<entity.end])), "span text differs from the text it covers")
            previousEnd = entity.end
        }
    }
}
