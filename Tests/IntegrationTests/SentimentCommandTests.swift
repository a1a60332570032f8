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
}
