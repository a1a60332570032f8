import Foundation

/// A three-way (or n-way) sentiment classifier: multinomial logistic regression over hashed TF-IDF
/// word and character n-grams, with temperature-calibrated probabilities and online updates.
public struct SentimentClassifier: Sendable {
    /// Label names, in the order of prediction probabilities.
    public let labels: [String]
    /// Softmax temperature fitted on held-out data; logits are divided by it.
    public internal(set) var temperature: Float
    /// Measurements recorded at training time (held-out accuracy, macro-F1, example counts, ...).
    public var metrics: [String: Double]
    var vectorizer: HashedTfIdfVectorizer
    /// Bucket-major weights: `weights[bucket * labels.count + class]`.
    var weights: [Float]
    var biases: [Float]

    init(labels: [String], vectorizer: HashedTfIdfVectorizer, weights: [Float], biases: [Float], temperature: Float, metrics: [String: Double]) {
        self.labels = labels
        self.vectorizer = vectorizer
        self.weights = weights
        self.biases = biases
        self.temperature = temperature
        self.metrics = metrics
    }

    /// Hash settings the model was trained with.
    public var hashing: FeatureHashing { vectorizer.hashing }

    /// The word valences the model was trained with, if any.
    public var lexicon: SentimentLexicon? { vectorizer.lexicon }

    public func predict(_ text: String) -> SentimentPrediction {
        var extractor = vectorizer.makeExtractor()
        return prediction(for: vectorizer.vector(for: text, using: &extractor))
    }

    public func predict(_ texts: [String]) -> [SentimentPrediction] {
        var extractor = vectorizer.makeExtractor()
        return texts.map { prediction(for: vectorizer.vector(for: $0, using: &extractor)) }
    }

    /// Accuracy, macro-F1 and per-class F1 on labelled examples.
    public func evaluate(_ examples: [LabelledText]) -> ClassificationMetrics {
        ClassificationMetrics(labels: labels, gold: examples.map(\.label), predicted: predict(examples.map(\.text)).map(\.label))
    }

    /// Takes plain stochastic gradient steps on the cross-entropy of the given examples.
    /// IDF and temperature stay as trained.
    public mutating func update(texts: [String], labels newLabels: [String], learningRate: Float = 0.5, epochs: Int = 1) throws {
        guard texts.count == newLabels.count else {
            throw SentimentError(.mismatchedCounts, "\(texts.count) texts but \(newLabels.count) labels")
        }
        let classIndices = try newLabels.map(classIndex)
        let vectors = vectorizer.vectors(for: texts)
        let classCount = labels.count
        for _ in 0..<max(epochs, 1) {
            for (vector, gold) in zip(vectors, classIndices) {
                var probabilities = softmax(logits(for: vector), temperature: 1)
                probabilities[gold] -= 1
                for label in 0..<classCount { biases[label] -= learningRate * Float(probabilities[label]) }
                for (bucket, value) in zip(vector.indices, vector.values) {
                    let base = Int(bucket) * classCount
                    for label in 0..<classCount { weights[base + label] -= learningRate * value * Float(probabilities[label]) }
                }
            }
        }
    }

    /// Updates like `update(texts:labels:learningRate:epochs:)`, then rolls the update back if accuracy on
    /// `holdout` fell by more than `tolerance`.
    @discardableResult
    public mutating func update(
        texts: [String],
        labels newLabels: [String],
        guardedBy holdout: HoldoutBuffer,
        tolerance: Double = 0,
        learningRate: Float = 0.5,
        epochs: Int = 1
    ) throws -> UpdateOutcome {
        let before = self
        let accuracyBefore = evaluate(holdout.examples).accuracy
        try update(texts: texts, labels: newLabels, learningRate: learningRate, epochs: epochs)
        let accuracyAfter = evaluate(holdout.examples).accuracy
        let accepted = accuracyAfter >= accuracyBefore - tolerance
        if !accepted { self = before }
        return UpdateOutcome(accepted: accepted, accuracyBefore: accuracyBefore, accuracyAfter: accuracyAfter)
    }

    func classIndex(_ label: String) throws -> Int {
        guard let index = labels.firstIndex(of: label) else {
            throw SentimentError(.unknownLabel, "label \"\(label)\" is not one of \(labels)")
        }
        return index
    }

    func logits(for vector: SparseVector) -> [Float] {
        let classCount = labels.count
        var scores = biases
        for (bucket, value) in zip(vector.indices, vector.values) {
            let base = Int(bucket) * classCount
            for label in 0..<classCount { scores[label] += value * weights[base + label] }
        }
        return scores
    }

    private func prediction(for vector: SparseVector) -> SentimentPrediction {
        let probabilities = softmax(logits(for: vector), temperature: temperature)
        let best = probabilities.indices.max { probabilities[$0] < probabilities[$1] }!
        return SentimentPrediction(label: labels[best], probabilities: probabilities)
    }

    private func softmax(_ scores: [Float], temperature: Float) -> [Double] {
        let scaled = scores.map { Double($0 / temperature) }
        let maximum = scaled.max()!
        let exponentials = scaled.map { exp($0 - maximum) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }
}
