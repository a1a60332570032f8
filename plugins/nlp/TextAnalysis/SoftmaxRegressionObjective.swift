import Foundation

/// Weighted mean cross-entropy of multinomial logistic regression plus an L2 penalty on the weights.
///
/// Parameters are laid out bucket-major (`bucket * classCount + class`) followed by one bias per class;
/// biases are not penalised.
struct SoftmaxRegressionObjective: Sendable {
    let vectors: [SparseVector]
    let classIndices: [Int]
    let sampleWeights: [Double]
    let classCount: Int
    let bucketCount: Int
    let regularization: Double

    var parameterCount: Int { bucketCount * classCount + classCount }

    func evaluate(_ parameters: [Double], gradient: inout [Double]) -> Double {
        for index in gradient.indices { gradient[index] = 0 }
        let biasOffset = bucketCount * classCount
        let totalWeight = sampleWeights.reduce(0, +)
        var loss = 0.0
        var scores = [Double](repeating: 0, count: classCount)
        for (document, vector) in vectors.enumerated() {
            for label in 0..<classCount { scores[label] = parameters[biasOffset + label] }
            for (bucket, value) in zip(vector.indices, vector.values) {
                let base = Int(bucket) * classCount
                for label in 0..<classCount { scores[label] += Double(value) * parameters[base + label] }
            }
            let maximum = scores.max()!
            var normaliser = 0.0
            for label in 0..<classCount {
                scores[label] = exp(scores[label] - maximum)
                normaliser += scores[label]
            }
            let weight = sampleWeights[document] / totalWeight
            let gold = classIndices[document]
            loss -= weight * log(max(scores[gold] / normaliser, 1e-300))
            for label in 0..<classCount {
                scores[label] = weight * (scores[label] / normaliser - (label == gold ? 1 : 0))
                gradient[biasOffset + label] += scores[label]
            }
            for (bucket, value) in zip(vector.indices, vector.values) {
                let base = Int(bucket) * classCount
                for label in 0..<classCount { gradient[base + label] += Double(value) * scores[label] }
            }
        }
        var penalty = 0.0
        for index in 0..<biasOffset {
            penalty += parameters[index] * parameters[index]
            gradient[index] += regularization * parameters[index]
        }
        return loss + 0.5 * regularization * penalty
    }
}
