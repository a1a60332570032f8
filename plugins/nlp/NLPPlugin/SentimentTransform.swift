import EdgeCore
import Foundation
import RetailWarehouse
import TextAnalysis

/// Classifies each text as positive, neutral or negative with a confidence, learns online from
/// rows that carry a label, and rolls sentiment up per day and product/store.
///
/// Outputs: the input rows with `sentiment` and `confidence` filled (main); `metrics`: per batch
/// with labelled rows, how the model did on them *before* learning from them (accuracy,
/// macro-F1; record kind `model_metrics`, model `sentiment`); `daily`: `sentiment_daily` totals
/// per local day (the zone of the text's store, else the stage's or site's; a naive `created_at`
/// counts on its written date).
/// Every fifth labelled row is kept aside (never learnt from) to judge updates: an update that
/// lowers accuracy on those rows by more than `tolerance` is rolled back.
struct SentimentTransform: TransformStage {
    struct Columns {
        var text: Int
        var label: Int?
        var createdAt: Int?
        var product: Int?
        var store: Int?
        var sentiment: Int?
        var confidence: Int?
    }

    let columns: Columns
    let output: Schema
    let learn: Bool
    let learningRate: Float
    let tolerance: Double
    var classifier: SentimentClassifier
    var holdout: HoldoutBuffer
    var daily = SentimentDailyCounts()
    let zones: StoreTimeZones
    /// Clocks by zone name.
    private var clocks: [String: LocalDayClock] = [:]
    private var updated = false
    private var labelledSeen = 0

    let budget: TextBudget

    init(columns: Columns, output: Schema, model: TextClassifierModel, learn: Bool, zones: StoreTimeZones, budget: TextBudget) {
        self.zones = zones
        self.budget = budget
        self.columns = columns
        self.output = output
        self.learn = learn
        self.learningRate = model.learningRate
        self.tolerance = model.tolerance
        self.classifier = model.classifier
        self.holdout = HoldoutBuffer(capacity: model.holdout)
    }

    mutating func process(_ batch: RecordBatch, input: Int, context: StageContext) async throws -> [RecordBatch] {
        let kept = budget.rowsWithinBudget(batch, text: columns.text, id: batch.schema.index(of: "tweet_id"), context: context)
        let batch = kept.count == batch.count ? batch : batch.selecting(kept)
        guard case .string(let texts) = batch.columns[columns.text].values else { return [] }
        let textValues = (0..<batch.count).map { batch.columns[columns.text].isNull($0) ? "" : texts[$0] }
        let predictions = classifier.predict(textValues)
        var out: [RecordBatch] = [annotated(batch, predictions)]

        // Roll up per day and product/store.
        if let createdAt = columns.createdAt, case .timestamp(let times) = batch.columns[createdAt].values {
            let created = batch.columns[createdAt]
            for row in 0..<batch.count where !created.isNull(row) {
                let day = created.isNaive(row) ? Timestamps.day(ofMicroseconds: times[row]) : localDay(times[row], store: storeId(batch, row))
                let score = Self.score(predictions[row], labels: classifier.labels)
                for (column, type) in [(columns.product, "PRODUCT"), (columns.store, "STORE")] {
                    guard let column, case .string(let ids) = batch.columns[column].values, !batch.columns[column].isNull(row) else { continue }
                    daily.add(day: day, type: type, id: ids[row], label: predictions[row].label, score: score)
                }
            }
        }

        // Judge, then learn from, the labelled rows.
        if let labelColumn = columns.label, case .string(let labelValues) = batch.columns[labelColumn].values {
            var gold: [String] = [], predicted: [String] = [], trainTexts: [String] = [], trainLabels: [String] = []
            for row in 0..<batch.count where !batch.columns[labelColumn].isNull(row) && classifier.labels.contains(labelValues[row]) {
                gold.append(labelValues[row])
                predicted.append(predictions[row].label)
                labelledSeen += 1
                if labelledSeen % 5 == 0 {
                    holdout.append(LabelledText(text: textValues[row], label: labelValues[row]))
                } else {
                    trainTexts.append(textValues[row])
                    trainLabels.append(labelValues[row])
                }
            }
            if !gold.isEmpty {
                let metrics = ClassificationMetrics(labels: classifier.labels, gold: gold, predicted: predicted)
                out.append(Self.metricsRow(metrics, rows: gold.count))
                context.logger.debug("sentiment on labelled rows", metadata: [
                    "rows": "\(gold.count)", "accuracy": "\(metrics.accuracy)", "macro_f1": "\(metrics.macroF1)",
                    "f1": "\(metrics.f1ByLabel.sorted { $0.key < $1.key }.map { "\($0.key)=\(String(format: "%.3f", $0.value))" }.joined(separator: " "))",
                ])
            }
            if learn, !trainTexts.isEmpty {
                let outcome = try classifier.update(texts: trainTexts, labels: trainLabels, guardedBy: holdout, tolerance: tolerance, learningRate: learningRate)
                if outcome.accepted { updated = true } else {
                    context.logger.info("online update rolled back", metadata: ["holdout_accuracy_before": "\(outcome.accuracyBefore)", "after": "\(outcome.accuracyAfter)"])
                }
            }
        }
        return out
    }

    /// The row's store id, or "" when it has none.
    private func storeId(_ batch: RecordBatch, _ row: Int) -> String {
        guard let column = columns.store, !batch.columns[column].isNull(row), case .string(let ids) = batch.columns[column].values else { return "" }
        return ids[row]
    }

    /// The day of an instant in the zone of `store`.
    private mutating func localDay(_ micros: Int64, store: String) -> Int32 {
        let zone = zones.zone(ofStore: store)
        return clocks[zone.identifier, default: LocalDayClock(zone)].day(ofInstant: micros)
    }

    mutating func flush(_ context: StageContext) async throws -> [RecordBatch] {
        daily.drain().map { [$0] } ?? []
    }

    /// P(positive) − P(negative).
    static func score(_ prediction: SentimentPrediction, labels: [String]) -> Double {
        let probability = { (label: String) in labels.firstIndex(of: label).map { prediction.probabilities[$0] } ?? 0 }
        return probability("positive") - probability("negative")
    }

    /// The input rows with `sentiment` and `confidence` set (appended for free columns).
    func annotated(_ batch: RecordBatch, _ predictions: [SentimentPrediction]) -> RecordBatch {
        var sentiment = ColumnBuilder(type: .string, capacity: batch.count), confidence = ColumnBuilder(type: .double, capacity: batch.count)
        for prediction in predictions {
            sentiment.append(string: prediction.label)
            confidence.append(double: prediction.probabilities.max() ?? 0)
        }
        var columns = batch.columns
        if let s = self.columns.sentiment, let c = self.columns.confidence {
            columns[s] = sentiment.finish()
            columns[c] = confidence.finish()
        } else {
            columns += [sentiment.finish(), confidence.finish()]
        }
        return RecordBatch(schema: output, columns: columns, provenance: batch.provenance)
    }

    static func metricsRow(_ metrics: ClassificationMetrics, rows: Int) -> RecordBatch {
        var builders = RecordKind.modelMetrics.fields.map { ColumnBuilder(type: $0.type) }
        builders[0].append(int: Int64(Date().timeIntervalSince1970 * 1_000_000))
        builders[1].append(string: StarSchema.allMember)
        builders[2].append(string: StarSchema.allMember)
        builders[3].append(string: "sentiment")
        for index in 4...9 { builders[index].appendNull() }
        builders[10].append(double: metrics.accuracy)
        builders[11].append(double: metrics.macroF1)
        builders[12].append(int: Int64(rows))
        builders[13].appendNull()
        for (index, label) in [(14, "positive"), (15, "neutral"), (16, "negative")] {
            if let f1 = metrics.f1ByLabel[label] { builders[index].append(double: f1) } else { builders[index].appendNull() }
        }
        return RecordBatch(schema: RecordKind.modelMetrics, columns: builders.indices.map { builders[$0].finish() })
    }

    /// The state: the daily totals, the held-out rows and (once it learnt) the model.
    func snapshot() throws -> [UInt8]? {
        let header = try JSONEncoder().encode(State(daily: daily, holdout: holdout.examples.map { [$0.text, $0.label] }, labelledSeen: labelledSeen))
        var bytes = withUnsafeBytes(of: UInt32(header.count).littleEndian) { Array($0) } + Array(header)
        if updated { bytes += Array(try classifier.encoded()) }
        return bytes
    }

    mutating func restore(_ state: [UInt8]) throws {
        guard state.count >= 4 else { return }
        let length = Int(state[0..<4].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        guard state.count >= 4 + length else { throw SentimentError(.malformedModelFile, "sentiment state is truncated") }
        let decoded = try JSONDecoder().decode(State.self, from: Data(state[4..<(4 + length)]))
        daily = decoded.daily
        holdout = HoldoutBuffer(capacity: holdout.capacity, examples: decoded.holdout.compactMap { $0.count == 2 ? LabelledText(text: $0[0], label: $0[1]) : nil })
        labelledSeen = decoded.labelledSeen
        if state.count > 4 + length {
            classifier = try SentimentClassifier(data: Data(state[(4 + length)...]))
            updated = true
        }
    }

    struct State: Codable {
        var daily: SentimentDailyCounts
        var holdout: [[String]]
        var labelledSeen: Int
    }
}
