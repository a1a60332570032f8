import Foundation

/// Reads the tweets out of a model's answer: a JSON array (or `{"tweets": [...]}`), possibly in
/// a Markdown code fence. Anything unusable is counted by reason, never thrown.
struct GeneratedTweetParser {
    struct Candidate: Equatable {
        var text: String
        var sentiment: String
        var productID: String?
        var storeID: String?
    }

    static let sentiments: Set<String> = ["positive", "neutral", "negative"]

    /// The usable candidates, and how many items were dropped for which reason
    /// (`malformed`, `missing_fields`, `unknown_sentiment`, `empty_text`).
    static func parse(_ content: String) -> (candidates: [Candidate], dropped: [String: Int]) {
        var text = content.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("```") {
            text = String(text.drop { $0 != "\n" }.dropFirst())
            if let fence = text.range(of: "```", options: .backwards) { text = String(text[..<fence.lowerBound]) }
        }
        if let open = text.firstIndex(where: { $0 == "[" || $0 == "{" }) { text = String(text[open...]) }
        guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else { return ([], ["malformed": 1]) }
        let items = (json as? [Any]) ?? ((json as? [String: Any])?["tweets"] as? [Any]) ?? []
        guard !items.isEmpty else { return ([], ["malformed": 1]) }
        var candidates: [Candidate] = []
        var dropped: [String: Int] = [:]
        for item in items {
            guard let object = item as? [String: Any], let body = object["text"] as? String, let label = object["sentiment"] as? String else {
                dropped["missing_fields", default: 0] += 1
                continue
            }
            let cleaned = body.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !cleaned.isEmpty else {
                dropped["empty_text", default: 0] += 1
                continue
            }
            let sentiment = label.lowercased().trimmingCharacters(in: .whitespaces)
            guard sentiments.contains(sentiment) else {
                dropped["unknown_sentiment", default: 0] += 1
                continue
            }
            candidates.append(Candidate(text: String(cleaned.prefix(1000)), sentiment: sentiment,
                                        productID: object["product_id"] as? String, storeID: object["store_id"] as? String))
        }
        return (candidates, dropped)
    }
}
