/// Exact-match scoring of recognised entities: a hit needs the same start, end and type.
public struct EntitySpanScore: Sendable, Hashable, Codable {
    public private(set) var truePositives = 0
    public private(set) var falsePositives = 0
    public private(set) var falseNegatives = 0
    /// Hits whose linked catalogue identifier is also right.
    public private(set) var linkedTruePositives = 0

    public init() {}

    public mutating func add(predicted: [Entity], gold: [Entity]) {
        var unmatchedGold = gold
        for entity in predicted {
            if let index = unmatchedGold.firstIndex(where: { $0.start == entity.start && $0.end == entity.end && $0.type == entity.type }) {
                truePositives += 1
                if unmatchedGold[index].id == entity.id { linkedTruePositives += 1 }
                unmatchedGold.remove(at: index)
            } else {
                falsePositives += 1
            }
        }
        falseNegatives += unmatchedGold.count
    }

    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double { ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }

    private func ratio(_ numerator: Int, _ denominator: Int) -> Double {
        denominator == 0 ? 0 : Double(numerator) / Double(denominator)
    }
}
