/// Accuracy, macro-F1 and per-class F1 of predicted labels against gold labels.
public struct ClassificationMetrics: Sendable, Hashable, Codable {
    public let labels: [String]
    /// `confusion[gold][predicted]`, indexed like `labels`.
    public let confusion: [[Int]]

    public init(labels: [String], gold: [String], predicted: [String]) {
        self.labels = labels
        let indexByLabel = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
        for (goldLabel, predictedLabel) in zip(gold, predicted) {
            guard let row = indexByLabel[goldLabel], let column = indexByLabel[predictedLabel] else { continue }
            confusion[row][column] += 1
        }
        self.confusion = confusion
    }

    public var accuracy: Double {
        let total = confusion.joined().reduce(0, +)
        return total == 0 ? 0 : Double(labels.indices.reduce(0) { $0 + confusion[$1][$1] }) / Double(total)
    }

    /// F1 of each label that occurs in the gold data or the predictions.
    public var f1ByLabel: [String: Double] {
        var result: [String: Double] = [:]
        for (index, label) in labels.enumerated() {
            let truePositives = confusion[index][index]
            let goldCount = confusion[index].reduce(0, +)
            let predictedCount = confusion.reduce(0) { $0 + $1[index] }
            guard goldCount + predictedCount > 0 else { continue }
            result[label] = Double(2 * truePositives) / Double(goldCount + predictedCount)
        }
        return result
    }

    /// Unweighted mean of the F1 of the labels that occur in the gold data.
    public var macroF1: Double {
        let scores = f1ByLabel
        let present = labels.enumerated().filter { confusion[$0.offset].reduce(0, +) > 0 }.map(\.element)
        return present.isEmpty ? 0 : present.reduce(0) { $0 + (scores[$1] ?? 0) } / Double(present.count)
    }
}
