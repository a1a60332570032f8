import RetailCatalog

/// Finds catalogue products, stores and organisations in short texts such as tweets.
///
/// Matching is case-insensitive and tolerant of hashtags, handles, possessives, plurals, hyphen and
/// camel-case variants, trailing model numbers and small typos. Building the recogniser indexes the
/// catalogue once; recognition is then a trie walk per token plus a symmetric-delete lookup for words
/// not found exactly.
public struct EntityRecognizer: Sendable {
    private struct LinkTarget: Sendable {
        var type: EntityType
        var id: String
    }

    private var tokenIDsByKey: [String: Int] = [:]
    private var trie = NameTrie()
    private var fuzzyIndex = DeletionNeighbourhoodIndex()
    private var targets: [LinkTarget] = []

    public init(catalog: Catalog) {
        for (type, entry) in catalog.typedEntries {
            targets.append(LinkTarget(type: type, id: entry.id))
            for name in [entry.name] + entry.aliases {
                for sequence in MentionTokenizer.keySequences(ofName: name) {
                    trie.insert(sequence.map { tokenID(for: $0) }, payload: targets.count - 1)
                }
            }
        }
    }

    /// Entities in `text`, ordered by start offset and never overlapping; the longest match wins.
    public func entities(in text: String) -> [Entity] {
        let scalars = Array(text.unicodeScalars)
        let tokens = MentionTokenizer.tokens(in: scalars)
        guard !tokens.isEmpty else { return [] }
        let tokenIDs = tokens.map(resolveTokenID)

        var candidates: [(start: Int, end: Int, payload: Int)] = []
        for start in tokenIDs.indices where tokenIDs[start] >= 0 {
            if let match = trie.longestMatch(in: tokenIDs, from: start) {
                candidates.append((start, match.end, match.payload))
            }
        }
        candidates.sort { ($1.end - $1.start, $0.start) < ($0.end - $0.start, $1.start) }

        var claimed = [Bool](repeating: false, count: tokens.count)
        var entities: [Entity] = []
        for candidate in candidates where !claimed[candidate.start..<candidate.end].contains(true) {
            var end = candidate.end
            let target = targets[candidate.payload]
            if target.type == .product, end < tokens.count, !claimed[end], tokens[end].isModelNumber,
                isSeparatedBySpaceOrHyphen(scalars, from: tokens[end - 1].end, to: tokens[end].start) {
                end += 1
                if end < tokens.count, !claimed[end], tokens[end].isModelVariant,
                    isSeparatedBySpaceOrHyphen(scalars, from: tokens[end - 1].end, to: tokens[end].start) {
                    end += 1
                }
            }
            for index in candidate.start..<end { claimed[index] = true }
            let startOffset = tokens[candidate.start].start
            let endOffset = tokens[end - 1].end
            var mention = String.UnicodeScalarView()
            mention.append(contentsOf: scalars[startOffset..<endOffset])
            entities.append(Entity(start: startOffset, end: endOffset, type: target.type, id: target.id, text: String(mention)))
        }
        return entities.sorted { $0.start < $1.start }
    }

    private mutating func tokenID(for token: MentionToken) -> Int {
        if let id = tokenIDsByKey[token.key] { return id }
        let id = tokenIDsByKey.count
        tokenIDsByKey[token.key] = id
        fuzzyIndex.insert(token.unsingularisedKeyScalars, id: id)
        fuzzyIndex.insert(token.keyScalars, id: id)
        return id
    }

    /// The catalogue token a word stands for, exactly or within the typo budget; -1 when none.
    private func resolveTokenID(_ token: MentionToken) -> Int {
        if let id = tokenIDsByKey[token.key] { return id }
        guard !token.isModelNumber, !CommonWords.guarded.contains(token.key) else { return -1 }
        return fuzzyIndex.closestWord(to: token.unsingularisedKeyScalars) ?? fuzzyIndex.closestWord(to: token.keyScalars) ?? -1
    }

    private func isSeparatedBySpaceOrHyphen(_ scalars: [Unicode.Scalar], from start: Int, to end: Int) -> Bool {
        guard end > start, end - start <= 2 else { return false }
        return scalars[start..<end].allSatisfy { $0 == " " || $0 == "-" }
    }
}
