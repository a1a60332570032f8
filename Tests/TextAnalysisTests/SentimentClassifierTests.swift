import Foundation
import Testing
@testable import TextAnalysis

@Suite struct SentimentClassifierTests {
    static let examples: [LabelledText] = {
        let positive = ["love it", "great service", "awesome staff :)", "best store ever", "so happy with my order", "amazing deal", "really good value", "excellent and fast"]
        let negative = ["hate it", "terrible service", "awful staff :(", "worst store ever", "so angry about my order", "broken on arrival", "really bad value", "slow and rude"]
        let neutral = ["store opens at 9", "order number 123", "the shop is on main street", "new flyer http://t.co/x", "is it open on sunday?", "@shop where is the store", "they sell phones", "price is 20 dollars"]
        var result: [LabelledText] = []
        for round in 0..<6 {
            for (texts, label) in [(positive, "positive"), (negative, "negative"), (neutral, "neutral")] {
                result += texts.map { LabelledText(text: $0 + (round == 0 ? "" : " \(round)"), label: label) }
            }
        }
        return result
    }()

    static func trained() throws -> SentimentClassifier {
        try SentimentTrainer(hashing: FeatureHashing(bucketBits: 14), regularization: 1e-3, maximumIterations: 100).train(examples)
    }

    @Test func learnsTrainingSetAndCalibrates() throws {
        let classifier = try Self.trained()
        #expect(classifier.evaluate(Self.examples).accuracy > 0.95)
        let prediction = classifier.predict("great staff, love it")
        #expect(prediction.label == "positive")
        #expect(abs(prediction.probabilities.reduce(0, +) - 1) < 1e-6)
        #expect(classifier.temperature > 0)
    }

    @Test func roundTripsThroughModelFile() throws {
        let classifier = try Self.trained()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sentiment-\(UUID()).resm")
        defer { try? FileManager.default.removeItem(at: url) }
        try classifier.write(to: url)
        let loaded = try SentimentClassifier(contentsOf: url)
        #expect(loaded.labels == classifier.labels)
        #expect(loaded.hashing == classifier.hashing)
        for example in Self.examples {
            let original = classifier.predict(example.text).probabilities
            let restored = loaded.predict(example.text).probabilities
            #expect(zip(original, restored).allSatisfy { abs($0 - $1) < 0.01 })
        }
    }

    @Test func lexiconParsesVaderFormatAndTravelsInModelFile() throws {
        let lexicon = SentimentLexicon(vaderLexicon: "good\t1.9\t0.9\t[2, 2]\r\nbad\t-2.5\t0.7\t[-2, -3]\r\n")
        #expect(lexicon.valences == ["good": 1.9, "bad": -2.5])
        let classifier = try SentimentTrainer(hashing: FeatureHashing(bucketBits: 14), lexicon: lexicon, regularization: 1e-3, maximumIterations: 50).train(Self.examples)
        let loaded = try SentimentModelFile.decode(try SentimentModelFile.encode(classifier))
        #expect(loaded.lexicon == lexicon)
        let text = "not bad, good staff"
        #expect(zip(classifier.predict(text).probabilities, loaded.predict(text).probabilities).allSatisfy { abs($0 - $1) < 0.01 })
    }

    @Test func rejectsMalformedFiles() throws {
        let data = try SentimentModelFile.encode(try Self.trained())
        #expect(throws: SentimentError.self) { try SentimentModelFile.decode(data.prefix(100)) }
        var wrongVersion = data
        wrongVersion[4] = 99
        do {
            _ = try SentimentModelFile.decode(wrongVersion)
            Issue.record("expected an error")
        } catch let error as SentimentError {
            #expect(error.code == .unsupportedModelVersion)
        }
    }

    @Test func guardRollsBackHarmfulUpdate() throws {
        var classifier = try Self.trained()
        let holdout = HoldoutBuffer(capacity: 100, examples: Self.examples)
        let flipped = Self.examples.map { LabelledText(text: $0.text, label: $0.label == "positive" ? "negative" : "positive") }
        let before = classifier.predict(Self.examples.map(\.text)).map(\.label)
        let outcome = try classifier.update(texts: flipped.map(\.text), labels: flipped.map(\.label), guardedBy: holdout, learningRate: 2, epochs: 3)
        #expect(!outcome.accepted)
        #expect(outcome.accuracyAfter < outcome.accuracyBefore)
        #expect(classifier.predict(Self.examples.map(\.text)).map(\.label) == before)

        let helpful = try classifier.update(texts: ["fantastic shop"], labels: ["positive"], guardedBy: holdout, learningRate: 0.1)
        #expect(helpful.accepted)
    }

    @Test func rejectsUnknownLabels() throws {
        var classifier = try Self.trained()
        #expect(throws: SentimentError.self) { try classifier.update(texts: ["x"], labels: ["mixed"]) }
    }

    @Test func tokenizerNormalisesSocialText() {
        var tokenizer = SentimentTokenizer(marksNegation: true)
        tokenizer.tokenize("@Delta soooo NOT good :( http://t.co/x #fail &amp; don’t go!")
        let tokens = tokenizer.tokens.map { token in
            (token.isNegated ? "NEG_" : "") + String(decoding: tokenizer.bytes[token.range], as: UTF8.self)
        }
        #expect(tokens == ["<user>", "soo", "not", "NEG_good", "<frown>", "<url>", "fail", "don't", "NEG_go", "!"])
    }

    @Test func metricsComputeMacroF1() {
        let metrics = ClassificationMetrics(labels: ["a", "b"], gold: ["a", "a", "b", "b"], predicted: ["a", "b", "b", "b"])
        #expect(metrics.accuracy == 0.75)
        #expect(abs(metrics.f1ByLabel["a"]! - 2.0 / 3.0) < 1e-9)
        #expect(abs(metrics.macroF1 - (2.0 / 3.0 + 0.8) / 2) < 1e-9)
    }
}
