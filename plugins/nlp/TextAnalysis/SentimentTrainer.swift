/// Trains a `SentimentClassifier` from labelled texts.
///
/// IDF is learned on all examples. A deterministic slice (`calibrationFraction`) is held out: the model
/// trained on the rest is scored on it (recorded in `metrics`) and the softmax temperature is fitted on
/// it; the final weights are then trained on all examples, starting from the first solution.
public struct SentimentTrainer: Sendable {
    public var hashing: FeatureHashing
    /// Optional word valences added as three dense features; stored in the model.
    public var lexicon: SentimentLexicon?
    /// L2 penalty on the weights, relative to the mean cross-entropy (sklearn's C ≈ 1 / (λ · n)).
    public var regularization: Double
    /// Weights examples inversely to their class frequency.
    public var balancesClasses: Bool
    public var calibrationFraction: Double
    public var maximumIterations: Int

    public init(
        hashing: FeatureHashing = FeatureHashing(),
        lexicon: SentimentLexicon? = nil,
        regularization: Double = 2e-5,
        balancesClasses: Bool = true,
        calibrationFraction: Double = 0.1,
        maximumIterations: Int = 200
    ) {
        self.hashing = hashing
        self.lexicon = lexicon
        self.regularization = regularization
        self.balancesClasses = balancesClasses
        self.calibrationFraction = calibrationFraction
        self.maximumIterations = maximumIterations
    }

    public func train(_ examples: [LabelledText], labels: [String] = ["negative", "neutral", "positive"]) throws -> SentimentClassifier {
        guard !examples.isEmpty else { throw SentimentError(.emptyTrainingSet, "no training examples") }
        let vectorizer = HashedTfIdfVectorizer(fittingTo: examples.map(\.text), hashing: hashing, lexicon: lexicon)
        var classifier = SentimentClassifier(
            labels: labels,
            vectorizer: vectorizer,
            weights: [Float](repeating: 0, count: hashing.bucketCount * labels.count),
            biases: [Float](repeating: 0, count: labels.count),
            temperature: 1,
            metrics: [:]
        )
        let classIndices = try examples.map { try classifier.classIndex($0.label) }
        let vectors = vectorizer.vectors(for: examples.map(\.text))
        let isCalibration = examples.indices.map { Self.isInCalibrationSlice($0, fraction: calibrationFraction) }
        let fitIndices = examples.indices.filter { !isCalibration[$0] }
        let calibrationIndices = examples.indices.filter { isCalibration[$0] }

        let (firstParameters, firstIterations) = fit(fitIndices, vectors: vectors, classIndices: classIndices, labelCount: labels.count, from: nil)
        classifier.setParameters(firstParameters)
        if !calibrationIndices.isEmpty {
            let heldOut = calibrationIndices.map { examples[$0] }
            let scores = classifier.evaluate(heldOut)
            classifier.temperature = TemperatureScaling.fit(
                logits: calibrationIndices.map { classifier.logits(for: vectors[$0]) },
                classIndices: calibrationIndices.map { classIndices[$0] }
            )
            classifier.metrics["heldOutAccuracy"] = scores.accuracy
            classifier.metrics["heldOutMacroF1"] = scores.macroF1
            classifier.metrics["heldOutExamples"] = Double(heldOut.count)
        }
        let (parameters, iterations) = fit(Array(examples.indices), vectors: vectors, classIndices: classIndices, labelCount: labels.count, from: firstParameters)
        classifier.setParameters(parameters)
        classifier.metrics["trainingExamples"] = Double(examples.count)
        classifier.metrics["iterations"] = Double(firstIterations + iterations)
        classifier.metrics["regularization"] = regularization
        return classifier
    }

    private func fit(_ indices: [Int], vectors: [SparseVector], classIndices: [Int], labelCount: Int, from start: [Double]?) -> ([Double], Int) {
        var counts = [Double](repeating: 0, count: labelCount)
        for index in indices { counts[classIndices[index]] += 1 }
        let objective = SoftmaxRegressionObjective(
            vectors: indices.map { vectors[$0] },
            classIndices: indices.map { classIndices[$0] },
            sampleWeights: indices.map { index in
                balancesClasses ? Double(indices.count) / (Double(labelCount) * counts[classIndices[index]]) : 1
            },
            classCount: labelCount,
            bucketCount: hashing.bucketCount,
            regularization: regularization
        )
        let minimizer = LBFGSMinimizer(maximumIterations: maximumIterations)
        return minimizer.minimize(from: start ?? [Double](repeating: 0, count: objective.parameterCount)) { x, gradient in
            objective.evaluate(x, gradient: &gradient)
        }
    }

    /// Every n-th example, spread evenly, where n = 1 / fraction.
    private static func isInCalibrationSlice(_ index: Int, fraction: Double) -> Bool {
        guard fraction > 0 else { return false }
        let period = max(Int((1 / fraction).rounded()), 2)
        return (index &* 7919) % period == 0
    }
}

extension SentimentClassifier {
    mutating func setParameters(_ parameters: [Double]) {
        let weightCount = weights.count
        weights = parameters[0..<weightCount].map { Float($0) }
        biases = parameters[weightCount...].map { Float($0) }
    }
}
