import EdgeCore
import TextAnalysis

/// A `text_classifier` model from the `models:` section: a sentiment classifier (hashed TF-IDF
/// features + multinomial logistic regression) and how it learns online.
struct TextClassifierModel: ModelStage {
    let classifier: SentimentClassifier
    let learningRate: Float
    let holdout: Int
    let tolerance: Double
    var modelType: String { "text_classifier" }
}
