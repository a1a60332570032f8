import ArgumentParser
import EdgeCore
import Foundation
import NLPPlugin
import TextAnalysis

/// `retail-edge sentiment train|predict|evaluate`.
struct SentimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentiment",
        abstract: "Train, apply or evaluate the sentiment classifier on JSON lines.",
        subcommands: [Train.self, Predict.self, Evaluate.self]
    )

    static func labelled(_ path: String) throws -> [LabelledText] {
        try JSONLinesFile.strings(path, ["text", "label"]).map { LabelledText(text: $0[0], label: $0[1]) }
    }

    static func reportingInputErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as InputFileError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitStatus.dataError
        } catch let error as SentimentError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitStatus.dataError
        }
    }

    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Train a model from {id, text, label} lines (labels positive, neutral, negative).")
        @Option(help: "Training data (JSON lines).") var input: String
        @Option(help: "Where to write the model file.") var model: String
        @Option(help: "L2 penalty relative to the mean loss (scikit-learn's C is about 1 / (penalty x examples)); default the trainer's.")
        var regularization: Double?
        @Option(help: "Hash features into 2^N buckets (12-24); default the trainer's.") var bucketBits: Int?
        @Option(help: "Word valences in VADER's lexicon format (word, tab, mean valence), learned from as three features and stored in the model.")
        var lexicon: String?
        @Option(help: "Add N generated informational retail tweets labelled neutral (the shipped model: 1000).") var generatedNeutral = 0

        func validate() throws {
            if generatedNeutral < 0 { throw ValidationError("--generated-neutral must be at least 0, not \(generatedNeutral)") }
            if let regularization, !(regularization >= 0 && regularization.isFinite) {
                throw ValidationError("--regularization must be a finite number >= 0, not \(regularization)")
            }
            if let bucketBits, !(12...24).contains(bucketBits) {
                throw ValidationError("--bucket-bits must be between 12 and 24, not \(bucketBits)")
            }
        }

        func run() throws {
            try SentimentCommand.reportingInputErrors {
                var generator = NeutralTweetGenerator()
                let examples = try SentimentCommand.labelled(input) + generator.examples(count: generatedNeutral)
                let started = ContinuousClock.now
                var trainer = SentimentTrainer()
                if let regularization { trainer.regularization = regularization }
                if let bucketBits { trainer.hashing.bucketBits = bucketBits }
                if let lexicon {
                    guard let data = FileManager.default.contents(atPath: lexicon) else { throw InputFileError("\(lexicon): cannot read the file") }
                    let valences = SentimentLexicon(vaderLexicon: String(decoding: data, as: UTF8.self))
                    guard !valences.valences.isEmpty else { throw InputFileError("\(lexicon):1:1: no 'word<TAB>valence' line") }
                    trainer.lexicon = valences
                }
                let classifier = try trainer.train(examples)
                try classifier.write(to: URL(fileURLWithPath: model))
                FileHandle.standardError.write(Data("retail-edge: trained on \(examples.count) texts in \(Summary.seconds(ContinuousClock.now - started)), wrote \(model)\n".utf8))
            }
        }
    }

    struct Predict: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Label {id, text} lines: writes {id, label, confidence}.")
        @Option(help: "Model file; default the shipped model.") var model: String?
        @Option(help: "Texts (JSON lines with id and text).") var input: String
        @Option(help: "Where to write the labels; - for standard output.") var output = "-"

        func run() throws {
            try SentimentCommand.reportingInputErrors {
                let classifier = try DefaultSentimentModel.load(model)
                let rows = try JSONLinesFile.strings(input, ["id", "text"])
                // On every core, and written by hand: JSONSerialization took a third of the time.
                let lines = ConcurrentChunks.joined(count: rows.count) { range in
                    var out = ""
                    out.reserveCapacity(range.count * 64)
                    for (row, prediction) in zip(rows[range], classifier.predict(rows[range].map { $0[1] })) {
                        out += "{\"id\":" + JSONText.string(row[0]) + ",\"label\":" + JSONText.string(prediction.label)
                            + ",\"confidence\":\(prediction.probabilities.max() ?? 0)}\n"
                    }
                    return out
                }
                try OutputFile.write(Data(lines.utf8), to: output)
            }
        }
    }

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Accuracy, macro-F1 and per-class F1 on {text, label} lines.")
        @Option(help: "Model file; default the shipped model.") var model: String?
        @Option(help: "Labelled texts (JSON lines).") var input: String

        func run() throws {
            try SentimentCommand.reportingInputErrors {
                let classifier = try DefaultSentimentModel.load(model)
                let metrics = classifier.evaluate(try SentimentCommand.labelled(input))
                print(String(format: "accuracy  %.4f\nmacro-F1  %.4f", metrics.accuracy, metrics.macroF1))
                for (label, f1) in metrics.f1ByLabel.sorted(by: { $0.key < $1.key }) { print(String(format: "F1 %-9@ %.4f", label as NSString, f1)) }
            }
        }
    }
}
