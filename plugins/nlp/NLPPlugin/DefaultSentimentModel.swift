import EdgeCore
import Foundation
import TextAnalysis

/// Finds and loads the shipped sentiment model (`sentiment-default.resm`, trained only on
/// openly licensed text: see plugins/nlp/models/NOTICE), found by ``ShippedModelFiles``.
public enum DefaultSentimentModel {
    public static let fileName = "sentiment-default.resm"

    /// The path of the shipped model, or `nil` when it is nowhere on ``ShippedModelFiles/searchPath``.
    public static func path() -> String? {
        ShippedModelFiles.path(of: fileName)
    }

    /// Loads a model file, or the shipped model when `path` is nil; a file decoded before and
    /// unchanged since comes from ``SentimentModelCache``.
    public static func load(_ path: String?) throws -> SentimentClassifier {
        guard let file = path ?? self.path() else {
            throw SentimentError(.malformedModelFile, "the shipped sentiment model \(fileName) is not in \(ShippedModelFiles.searchPath.joined(separator: ", ")); set RETAIL_EDGE_MODEL_DIR or a model path")
        }
        if let reason = FileAccess.unreadableReason(file) {
            throw SentimentError(.malformedModelFile, "\(file): cannot read the model file: \(reason)")
        }
        do {
            return try SentimentModelCache.shared.classifier(at: file) { try SentimentClassifier(contentsOf: URL(fileURLWithPath: $0)) }
        } catch let error as SentimentError {
            throw SentimentError(error.code, "\(file): \(error.message)")
        }
    }
}
