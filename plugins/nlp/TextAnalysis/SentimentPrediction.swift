/// The predicted label of a text with calibrated probabilities for every label of the model.
public struct SentimentPrediction: Sendable, Hashable {
    public let label: String
    /// Probabilities indexed like the model's `labels`.
    public let probabilities: [Double]
}
