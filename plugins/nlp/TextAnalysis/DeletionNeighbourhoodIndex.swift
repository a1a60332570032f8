/// Finds vocabulary words within a small Damerau distance of a query without scanning the vocabulary
/// (symmetric-delete, as in SymSpell): words and queries meet on a shared string obtained by deleting
/// at most the allowed number of letters from each.
///
/// Allowed edits follow the shorter of the two words: one from five letters, two from nine.
struct DeletionNeighbourhoodIndex: Sendable {
    private var formIndicesByDeletionHash: [UInt64: [Int]] = [:]
    /// Every indexed spelling with the identifier it resolves to; one identifier may have several spellings.
    private var forms: [(word: [UInt32], id: Int)] = []
    private var indexedWords: Set<[UInt32]> = []
    /// The longest indexed spelling: a query longer by more than the largest budget matches nothing,
    /// so it is refused before its deletions (cubic in its length) are hashed.
    private var longestWord = 0

    static func editBudget(forLength length: Int) -> Int {
        length >= 9 ? 2 : (length >= 5 ? 1 : 0)
    }

    /// Indexes `word` as a spelling of `id`; the first identifier given a spelling keeps it.
    mutating func insert(_ word: [UInt32], id: Int) {
        guard Self.editBudget(forLength: word.count) > 0, indexedWords.insert(word).inserted else { return }
        forms.append((word, id))
        longestWord = max(longestWord, word.count)
        let formIndex = forms.count - 1
        Self.forEachDeletionHash(of: word, upTo: Self.editBudget(forLength: word.count)) { hash in
            if formIndicesByDeletionHash[hash, default: []].last != formIndex {
                formIndicesByDeletionHash[hash, default: []].append(formIndex)
            }
        }
    }

    /// The closest word within budget; ties go to the lowest identifier.
    func closestWord(to query: [UInt32]) -> Int? {
        let budget = Self.editBudget(forLength: query.count)
        guard budget > 0, query.count <= longestWord + budget else { return nil }
        var best: (distance: Int, id: Int)?
        Self.forEachDeletionHash(of: query, upTo: budget) { hash in
            guard let candidates = formIndicesByDeletionHash[hash] else { return }
            for formIndex in candidates {
                let (word, id) = forms[formIndex]
                let limit = Self.editBudget(forLength: min(word.count, query.count))
                guard limit > 0, let distance = DamerauDistance.distance(query, word, limit: limit) else { continue }
                if let current = best, (current.distance, current.id) <= (distance, id) { continue }
                best = (distance, id)
            }
        }
        return best?.id
    }

    /// Calls `body` with the hash of the word and of every string made by deleting up to `maximum` letters.
    private static func forEachDeletionHash(of word: [UInt32], upTo maximum: Int, _ body: (UInt64) -> Void) {
        body(hash(word, skipping: -1, -1))
        guard maximum >= 1 else { return }
        for first in word.indices {
            body(hash(word, skipping: first, -1))
            guard maximum >= 2 else { continue }
            for second in (first + 1)..<word.count {
                body(hash(word, skipping: first, second))
            }
        }
    }

    /// FNV-1a over the scalars, leaving out the positions `first` and `second`.
    private static func hash(_ word: [UInt32], skipping first: Int, _ second: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in word.indices where index != first && index != second {
            hash = (hash ^ UInt64(word[index])) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
