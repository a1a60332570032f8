import Foundation

/// Fits the softmax temperature that minimises the negative log-likelihood of held-out logits.
enum TemperatureScaling {
    static func fit(logits: [[Float]], classIndices: [Int]) -> Float {
        guard !logits.isEmpty else { return 1 }
        var low = log(0.05)
        var high = log(20.0)
        let ratio = (5.0.squareRoot() - 1) / 2
        for _ in 0..<60 {
            let left = high - ratio * (high - low)
            let right = low + ratio * (high - low)
            if negativeLogLikelihood(logits, classIndices, temperature: exp(left)) < negativeLogLikelihood(logits, classIndices, temperature: exp(right)) {
                high = right
            } else {
                low = left
            }
        }
        return Float(exp((low + high) / 2))
    }

    static func negativeLogLikelihood(_ logits: [[Float]], _ classIndices: [Int], temperature: Double) -> Double {
        var total = 0.0
        for (scores, gold) in zip(logits, classIndices) {
            let scaled = scores.map { Double($0) / temperature }
            let maximum = scaled.max()!
            let normaliser = scaled.reduce(0) { $0 + exp($1 - maximum) }
            total -= scaled[gold] - maximum - log(normaliser)
        }
        return total / Double(logits.count)
    }
}
