import RetailCatalog

/// Finds catalogue products, stores and organisations in short texts such as tweets.
///
/// Matching is case-insensitive and tolerant of hashtags, handles, possessives, plurals, hyphen and
/// camel-case variants, trailing model numbers and small typos. Building the recogniser indexes the
/// catalogue once; recognition is then a trie walk per token plus a symmetric-delete lookup for words
/// not found exactly.
///
/// Precision on ordinary text: an English word is never typo-corrected into a name ("public" is
/// not Publix, "Roger" not Kroger), and a mention spelled entirely with common words ("boots",
/// "target", "best buy") links only with evidence: written as a hashtag or handle, capitalised,
/// a retail word nearby ("bought", "store", "app"), or another catalogue mention in the same text
/// that needs none. A catalogue entry's `ambiguous` flag overrides the word lists.
public struct EntityRecognizer: Sendable {
    private struct LinkTarget: Sendable {
        var type: EntityType
        var id: String
        var ambiguous: Bool?
    }

    private struct Candidate {
        var start: Int
        var end: Int
        var payload: Int
        var needsEvidence = false
    }

    private var tokenIDsByKey: [String: Int] = [:]
    private var trie = NameTrie()
    private var fuzzyIndex = DeletionNeighbourhoodIndex()
    private var targets: [LinkTarget] = []
    private let words: EnglishWords

    public init(catalog: Catalog, words: EnglishWords) {
        self.words = words
        for (type, entry) in catalog.typedEntries {
            targets.append(LinkTarget(type: type, id: entry.id, ambiguous: entry.ambiguous))
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
        let resolved = tokens.map(resolve)
        let tokenIDs = resolved.map(\.id)

        var candidates: [Candidate] = []
        for start in tokenIDs.indices where tokenIDs[start] >= 0 {
            if let match = trie.longestMatch(in: tokenIDs, from: start) {
                candidates.append(Candidate(start: start, end: match.end, payload: match.payload))
            }
        }
        candidates.sort { ($1.end - $1.start, $0.start) < ($0.end - $0.start, $1.start) }

        var claimed = [Bool](repeating: false, count: tokens.count)
        var chosen: [Candidate] = []
        for var candidate in candidates where !claimed[candidate.start..<candidate.end].contains(true) {
            let target = targets[candidate.payload]
            candidate.needsEvidence = target.ambiguous
                ?? (tokens[candidate.start..<candidate.end].allSatisfy(isCommonWord) && !resolved[candidate.end - 1].hasModelNumber)
            if target.type == .product, candidate.end < tokens.count, !claimed[candidate.end], tokens[candidate.end].isModelNumber,
                isSeparatedBySpaceOrHyphen(scalars, from: tokens[candidate.end - 1].end, to: tokens[candidate.end].start) {
                candidate.end += 1
                candidate.needsEvidence = false
                if candidate.end < tokens.count, !claimed[candidate.end], tokens[candidate.end].isModelVariant,
                    isSeparatedBySpaceOrHyphen(scalars, from: tokens[candidate.end - 1].end, to: tokens[candidate.end].start) {
                    candidate.end += 1
                }
            }
            for index in candidate.start..<candidate.end { claimed[index] = true }
            chosen.append(candidate)
        }

        let anchored = chosen.contains { !$0.needsEvidence }
        var entities: [Entity] = []
        for candidate in chosen where !candidate.needsEvidence || anchored || hasEvidence(candidate, tokens, scalars) {
            let target = targets[candidate.payload]
            let startOffset = tokens[candidate.start].start
            let endOffset = tokens[candidate.end - 1].end
            var mention = String.UnicodeScalarView()
            mention.append(contentsOf: scalars[startOffset..<endOffset])
            entities.append(Entity(start: startOffset, end: endOffset, type: target.type, id: target.id, text: String(mention)))
        }
        return entities.sorted { $0.start < $1.start }
    }

    /// Whether a mention spelled with common words is shown to be a name: a hashtag or handle, a
    /// capital first letter ("Tundra jacket"; a sentence's first word too: measured, that finds
    /// more brands than it costs), or a retail word within reach.
    private func hasEvidence(_ candidate: Candidate, _ tokens: [MentionToken], _ scalars: [Unicode.Scalar]) -> Bool {
        let first = tokens[candidate.start]
        if scalars[first.start] == "#" || scalars[first.start] == "@" { return true }
        if scalars[first.start].properties.isUppercase { return true }
        let before = max(0, candidate.start - RetailContextWords.reach)
        let after = min(tokens.count, candidate.end + RetailContextWords.reach)
        return (tokens[before..<candidate.start] + tokens[candidate.end..<after]).contains { RetailContextWords.keys.contains($0.key) }
    }

    private func isCommonWord(_ token: MentionToken) -> Bool {
        isWord(token, in: words.common)
    }

    private func isKnownWord(_ token: MentionToken) -> Bool {
        isWord(token, in: words.known)
    }

    /// Whether the token's key, or its form before singularising, is in `list`.
    private func isWord(_ token: MentionToken, in list: Set<String>) -> Bool {
        list.contains(token.key) || token.keyScalars.count != token.unsingularisedKeyScalars.count && list.contains(token.unsingularisedKey)
    }

    private mutating func tokenID(for token: MentionToken) -> Int {
        if let id = tokenIDsByKey[token.key] { return id }
        let id = tokenIDsByKey.count
        tokenIDsByKey[token.key] = id
        fuzzyIndex.insert(token.unsingularisedKeyScalars, id: id)
        fuzzyIndex.insert(token.keyScalars, id: id)
        return id
    }

    /// The catalogue token a word stands for, exactly, with a model number run on ("iPad2",
    /// "iPhone4S") or within the typo budget; -1 when none.
    private func resolve(_ token: MentionToken) -> (id: Int, hasModelNumber: Bool) {
        if let id = tokenIDsByKey[token.key] { return (id, false) }
        if token.isModelNumber {
            guard let name = Self.nameBeforeModelNumber(token.keyScalars), let id = tokenIDsByKey[name] else { return (-1, false) }
            return (id, true)
        }
        guard !isKnownWord(token) else { return (-1, false) }
        return (fuzzyIndex.closestWord(to: token.unsingularisedKeyScalars) ?? fuzzyIndex.closestWord(to: token.keyScalars) ?? -1, false)
    }

    /// "ipad" of "ipad2", "iphone" of "iphone4s": three letters or more, then digits and at most
    /// two letters.
    private static func nameBeforeModelNumber(_ key: [UInt32]) -> String? {
        var end = key.count
        while end > 0, end > key.count - 2, isASCIILetter(key[end - 1]) { end -= 1 }
        let digitsEnd = end
        while end > 0, key[end - 1] >= 0x30, key[end - 1] <= 0x39 { end -= 1 }
        guard end < digitsEnd, end >= 3, key[..<end].allSatisfy(isASCIILetter) else { return nil }
        return String(decoding: key[..<end].map { UInt8($0) }, as: UTF8.self)
    }

    private static func isASCIILetter(_ value: UInt32) -> Bool {
        value >= 0x61 && value <= 0x7A
    }

    private func isSeparatedBySpaceOrHyphen(_ scalars: [Unicode.Scalar], from start: Int, to end: Int) -> Bool {
        guard end > start, end - start <= 2 else { return false }
        return scalars[start..<end].allSatisfy { $0 == " " || $0 == "-" }
    }
}
