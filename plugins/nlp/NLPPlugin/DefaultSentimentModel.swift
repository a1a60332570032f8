import EdgeCore
import Foundation
import TextAnalysis

/// Finds and loads the shipped sentiment model (`sentiment-default.resm`, trained only on
/// openly licensed text: see plugins/nlp/models/NOTICE). Looked for in `$RETAIL_EDGE_MODEL_DIR`,
/// then `share/retail-edge/models` beside the binary's prefix (`make install`), then the source
/// tree the binary was built in.
public enum DefaultSentimentModel {
    public static let fileName = "sentiment-default.resm"

    /// The directories searched, in order.
    public static var searchPath: [String] {
        var directories: [String] = []
        if let directory = ProcessInfo.processInfo.environment["RETAIL_EDGE_MODEL_DIR"] { directories.append(directory) }
        let executable = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        let binDirectory = executable.deletingLastPathComponent()
        directories.append(binDirectory.deletingLastPathComponent().appendingPathComponent("share/retail-edge/models").path)
        // A development build: .build/<configuration>/retail-edge in the source tree.
        directories.append(binDirectory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("plugins/nlp/models").path)
        directories.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("models").path)
        directories += ["/usr/local/share/retail-edge/models", "/usr/share/retail-edge/models"]
        return directories
    }

    /// The path of the shipped model, or `nil` when it is nowhere on the search path.
    public static func path() -> String? {
        searchPath.map { $0 + "/" + fileName }.first { FileManager.default.isReadableFile(atPath: $0) }
    }

    /// Loads a model file, or the shipped model when `path` is nil; a file decoded before and
    /// unchanged since comes from ``SentimentModelCache``.
    public static func load(_ path: String?) throws -> SentimentClassifier {
        guard let file = path ?? self.path() else {
            throw SentimentError(.malformedModelFile, "the shipped sentiment model \(fileName) is not in \(searchPath.joined(separator: ", ")); set RETAIL_EDGE_MODEL_DIR or a model path")
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
