import EdgeCore
import Foundation
import TextAnalysis

/// The shipped word lists that keep the entity recogniser off ordinary words
/// (`english-common-words.txt`, `english-more-words.txt`: SCOWL, see plugins/nlp/models/NOTICE),
/// read once per process.
public enum DefaultEnglishWords {
    public static let fileNames = ["english-common-words.txt", "english-more-words.txt"]

    /// The word lists, or an error naming where they were looked for.
    public static func load() throws(SentimentError) -> EnglishWords {
        try loaded.get()
    }

    private static let loaded: Result<EnglishWords, SentimentError> = {
        var lists: [String] = []
        for fileName in fileNames {
            guard let path = ShippedModelFiles.path(of: fileName) else {
                return .failure(SentimentError(.missingShippedFile, "the shipped word list \(fileName) is not in \(ShippedModelFiles.searchPath.joined(separator: ", ")); set RETAIL_EDGE_MODEL_DIR"))
            }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                return .failure(SentimentError(.missingShippedFile, "\(path): cannot read the word list: \(FileAccess.unreadableReason(path) ?? "not UTF-8")"))
            }
            lists.append(text)
        }
        return .success(EnglishWords(commonList: lists[0], moreList: lists[1]))
    }()
}
