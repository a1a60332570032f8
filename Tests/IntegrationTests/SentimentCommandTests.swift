import Foundation
import Testing

/// `retail-edge sentiment train` as a user runs it: its tuning options reach the model, and
/// values out of range are refused before anything is written.
@Suite("sentiment train on the command line")
struct SentimentCommandTests {
    @Test func sentimentTrainTakesItsPenaltyAndFeatureSpaceAndRefusesOutOfRange() throws {
        let directory = Agent.temporaryDirectory()
        let words = [("negative", ["awful", "late", "rude", "broken"]), ("neutral", ["arrives", "today", "store", "open"]), ("positive", ["great", "love", "fast", "friendly"])]
        var lines: [String] = []
        for round in 0..<20 {
            for (label, vocabulary) in words {
                lines.append(#"{"id":"\#(lines.count)","text":"the \#(vocabulary[round % 4]) \#(vocabulary[(round + 1) % 4]) one","label":"\#(label)"}"#)
            }
        }
        try lines.joined(separator: "\n").write(toFile: directory + "/train.jsonl", atomically: true, encoding: .utf8)
        let trained = try Agent.run(["sentiment", "train", "--input", directory + "/train.jsonl", "--model", directory + "/m.resm",
                                     "--regularization", "0.0001", "--bucket-bits", "14"])
        #expect(trained.status == 0, "\(trained.stderr)")
        let header = String(decoding: try Data(contentsOf: URL(fileURLWithPath: directory + "/m.resm")).prefix(4096), as: UTF8.self)
        #expect(header.contains(#""bucketBits":14"#))
        #expect(header.contains(#""regularization":0.0001"#))
        let evaluated = try Agent.run(["sentiment", "evaluate", "--model", directory + "/m.resm", "--input", directory + "/train.jsonl"])
        #expect(evaluated.status == 0)
        let refused = try Agent.run(["sentiment", "train", "--input", directory + "/train.jsonl", "--model", directory + "/x.resm", "--bucket-bits", "30"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--bucket-bits must be between 12 and 24, not 30"))
        let negative = try Agent.run(["sentiment", "train", "--input", directory + "/train.jsonl", "--model", directory + "/x.resm", "--regularization", "-1"])
        #expect(negative.status == 64)
        #expect(!FileManager.default.fileExists(atPath: directory + "/x.resm"))
    }

    /// The shipped model's recipe (`scripts/train-sentiment-model.sh`) rests on two options: a VADER-format
    /// lexicon whose valences reach words the training text never had, and generated neutral tweets that give
    /// a positive/negative corpus its neutral class.
    @Test func aLexiconAndGeneratedNeutralTweetsReachTheModel() throws {
        let directory = Agent.temporaryDirectory()
        let words = [("negative", ["awful", "rude"]), ("positive", ["great", "love"])]
        var lines: [String] = []
        for round in 0..<30 {
            for (label, vocabulary) in words {
                lines.append(#"{"id":"\#(lines.count)","text":"a \#(vocabulary[round % 2]) time number \#(round)","label":"\#(label)"}"#)
            }
        }
        try lines.joined(separator: "\n").write(toFile: directory + "/train.jsonl", atomically: true, encoding: .utf8)
        try "great\t3.1\t0.7\t[]\nlove\t3.2\t0.4\t[]\nawful\t-2.0\t0.6\t[]\nrude\t-2.0\t0.6\t[]\nsplendiferous\t3.0\t0.5\t[]\nghastly\t-3.0\t0.5\t[]\n"
            .write(toFile: directory + "/lexicon.txt", atomically: true, encoding: .utf8)
        let trained = try Agent.run(["sentiment", "train", "--input", directory + "/train.jsonl", "--model", directory + "/m.resm",
                                     "--lexicon", directory + "/lexicon.txt", "--generated-neutral", "60"])
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stderr.contains("trained on 120 texts"), "\(trained.stderr)")
        let texts = [("a splendiferous time", "positive"), ("a ghastly time", "negative"), ("Is the store open on Sunday? http://t.co/x1", "neutral")]
        try texts.enumerated().map { #"{"id":"\#($0.offset)","text":"\#($0.element.0)"}"# }.joined(separator: "\n")
            .write(toFile: directory + "/texts.jsonl", atomically: true, encoding: .utf8)
        let predicted = try Agent.run(["sentiment", "predict", "--model", directory + "/m.resm", "--input", directory + "/texts.jsonl"])
        #expect(predicted.status == 0, "\(predicted.stderr)")
        for (index, (text, label)) in texts.enumerated() {
            #expect(predicted.stdout.contains(#"{"id":"\#(index)","label":"\#(label)""#), "\(text): \(predicted.stdout)")
        }
        let unreadable = try Agent.run(["sentiment", "train", "--input", directory + "/train.jsonl", "--model", directory + "/x.resm",
                                        "--lexicon", directory + "/train.jsonl"])
        #expect(unreadable.status == 65 && unreadable.stderr.contains("no 'word<TAB>valence' line"), "\(unreadable.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/x.resm"))
    }
}
