import EdgeCore
import Foundation
import RetailCatalog
import RetailWarehouse
import TextAnalysis

/// Registers the `ner` and `sentiment` transforms and the `text_classifier` model.
public enum NLPPlugin {
    public static var registrations: [PluginRegistration] { [ner, sentiment, textClassifier] }

    static let textClassifier = PluginRegistration(
        kind: .model, type: "text_classifier",
        summary: "Sentiment classifier: hashed word and character n-gram TF-IDF + multinomial logistic regression, learning online",
        options: [
            OptionSpec("path", .string, doc: "Model file (retail-edge sentiment train writes one); default the shipped model."),
            OptionSpec("learning_rate", .double, default: .double(0.5), range: .doubles(0.000_001...100), doc: "Step size of online updates."),
            OptionSpec("holdout", .int, default: .int(500), doc: "Labelled rows kept aside (every fifth) to judge online updates."),
            OptionSpec("tolerance", .double, default: .double(0.01), range: .doubles(0...1), doc: "Accuracy on the held-out rows an update may lose before it is rolled back."),
        ],
        factory: { context in
            let classifier: SentimentClassifier
            do {
                classifier = try DefaultSentimentModel.load(context.options.string("path"))
            } catch {
                throw StageBuildError(option: "path", "\(error)")
            }
            return .model(TextClassifierModel(
                classifier: classifier, learningRate: Float(context.options.double(defaulted: "learning_rate")),
                holdout: max(10, context.options.int(defaulted: "holdout")), tolerance: context.options.double(defaulted: "tolerance")
            ))
        }
    )

    static let sentiment = PluginRegistration(
        kind: .transform, type: "sentiment",
        summary: "positive/neutral/negative with confidence; learns online from labelled rows (outputs 'metrics': model_metrics, 'daily': sentiment_daily)",
        options: [
            OptionSpec("model", .string, doc: "Id of a text_classifier model in models:; default the shipped model."),
            OptionSpec("text_column", .string, default: .string("text"), doc: "Text to classify (string)."),
            OptionSpec("label_column", .string, default: .string("intended_sentiment"), doc: "Known label (positive, neutral or negative) to judge and learn from, when the input has it."),
            OptionSpec("learn", .bool, default: .bool(true), doc: "Learn online from labelled rows."),
            TextBudget.option,
        ] + StoreTimeZones.options,
        factory: { context in
            let schema = try context.singleInputSchema()
            let model: TextClassifierModel
            if let id = context.options.string("model") {
                guard let found = context.models[id] as? TextClassifierModel else { throw StageBuildError(option: "model", "no text_classifier model '\(id)' in models:") }
                model = found
            } else {
                do {
                    model = TextClassifierModel(classifier: try DefaultSentimentModel.load(nil), learningRate: 0.5, holdout: 500, tolerance: 0.01)
                } catch {
                    throw StageBuildError(option: "model", "\(error)")
                }
            }
            let text = try column(schema, context.options.string(defaulted: "text_column"), option: "text_column", type: .string)
            let labelName = context.options.string(defaulted: "label_column")
            let label = schema.index(of: labelName).flatMap { schema.fields[$0].type == .string ? $0 : nil }
            let isTweet = schema.kind == "tweet"
            let columns = SentimentTransform.Columns(
                text: text, label: label, createdAt: schema.index(of: "created_at").flatMap { schema.fields[$0].type == .timestamp ? $0 : nil },
                product: schema.index(of: "product_id"), store: schema.index(of: "store_id"),
                sentiment: isTweet ? schema.index(of: "sentiment") : nil, confidence: isTweet ? schema.index(of: "confidence") : nil
            )
            let output = isTweet ? schema : Schema(schema.fields + [Field("sentiment", .string), Field("confidence", .double)])
            var ports = ["metrics": RecordKind.modelMetrics]
            if columns.createdAt != nil { ports["daily"] = RecordKind.sentimentDaily }
            let transform = SentimentTransform(columns: columns, output: output, model: model, learn: context.options.bool(defaulted: "learn"), zones: try context.storeTimeZones(),
                                               budget: TextBudget(maxBytes: context.options.int(defaulted: "max_text_bytes")))
            return .transform(transform,
                              output: output, ports: ports)
        }
    )

    static let ner = PluginRegistration(
        kind: .transform, type: "ner",
        summary: "Products, stores and organisations mentioned in texts, linked to catalogue ids (record kind tweet_entity)",
        options: [
            OptionSpec("catalog", .string, required: true, doc: "Catalogue YAML with products, stores and organizations (id, name, aliases)."),
            OptionSpec("id_column", .string, default: .string("tweet_id"), doc: "Id of each text (string)."),
            OptionSpec("text_column", .string, default: .string("text"), doc: "Text to search (string)."),
            TextBudget.option,
        ],
        factory: { context in
            let schema = try context.singleInputSchema()
            let transform = NERTransform(
                recognizer: EntityRecognizer(catalog: try context.catalog() ?? Catalog(), words: try DefaultEnglishWords.load()),
                idColumn: try column(schema, context.options.string(defaulted: "id_column"), option: "id_column", type: .string),
                textColumn: try column(schema, context.options.string(defaulted: "text_column"), option: "text_column", type: .string),
                budget: TextBudget(maxBytes: context.options.int(defaulted: "max_text_bytes"))
            )
            return .transform(transform, output: RecordKind.tweetEntity)
        }
    )

    static func column(_ schema: Schema, _ name: String, option: String, type: ColumnType) throws -> Int {
        guard let index = schema.index(of: name) else {
            var message = "input has no column '\(name)' (it has: \(schema.fields.map(\.name).joined(separator: ", ")))"
            if let suggestion = EditDistance.suggestion(for: name, among: schema.fields.map(\.name)) { message += "; did you mean '\(suggestion)'?" }
            throw StageBuildError(option: option, message)
        }
        guard schema.fields[index].type == type else { throw StageBuildError(option: option, "column '\(name)' is \(schema.fields[index].type); expected \(type)") }
        return index
    }
}
