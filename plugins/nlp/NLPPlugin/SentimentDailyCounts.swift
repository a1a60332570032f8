import EdgeCore
import RetailWarehouse

/// Daily sentiment per entity (product or store of each tweet): counts per class and the sum
/// of scores, kept as absolute totals (checkpointed) and emitted when they change.
struct SentimentDailyCounts: Sendable, Codable {
    struct Key: Hashable, Codable {
        var day: Int32
        var type: String
        var id: String
    }

    struct Totals: Codable {
        var positive = 0, neutral = 0, negative = 0
        var scoreSum = 0.0
    }

    var totals: [Key: Totals] = [:]
    var changed: Set<Key> = []

    mutating func add(day: Int32, type: String, id: String, label: String, score: Double) {
        let key = Key(day: day, type: type, id: id)
        var entry = totals[key] ?? Totals()
        switch label {
        case "positive": entry.positive += 1
        case "negative": entry.negative += 1
        default: entry.neutral += 1
        }
        entry.scoreSum += score
        totals[key] = entry
        changed.insert(key)
    }

    /// The changed days as `sentiment_daily` rows; forgets that they changed.
    mutating func drain() -> RecordBatch? {
        guard !changed.isEmpty else { return nil }
        var builders = RecordKind.sentimentDaily.fields.map { ColumnBuilder(type: $0.type) }
        for key in changed.sorted(by: { ($0.day, $0.type, $0.id) < ($1.day, $1.type, $1.id) }) {
            let entry = totals[key]!
            let count = entry.positive + entry.neutral + entry.negative
            builders[0].append(date: key.day)
            builders[1].append(string: key.type)
            builders[2].append(string: key.id)
            builders[3].append(int: Int64(entry.positive))
            builders[4].append(int: Int64(entry.neutral))
            builders[5].append(int: Int64(entry.negative))
            builders[6].append(double: entry.scoreSum / Double(max(count, 1)))
        }
        changed.removeAll()
        return RecordBatch(schema: RecordKind.sentimentDaily, columns: builders.indices.map { builders[$0].finish() })
    }
}
