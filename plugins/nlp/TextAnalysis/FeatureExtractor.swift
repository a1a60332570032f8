/// Hashes the word and character n-grams of a text into buckets, reusing its buffers between texts.
struct FeatureExtractor: Sendable {
    let hashing: FeatureHashing
    /// Buckets of the word n-grams of the last text, sorted.
    private(set) var wordBuckets: [Int32] = []
    /// Buckets of the character n-grams of the last text, sorted.
    private(set) var characterBuckets: [Int32] = []
    /// Sum of positive and of negative lexicon valences of the last text (negated words flipped and damped).
    private(set) var lexiconValence: (positive: Float, negative: Float, matches: Int) = (0, 0, 0)
    let lexicon: SentimentLexicon?
    private var tokenizer: SentimentTokenizer
    private var tokenHashes: [UInt64] = []
    private var paddedWord: [UInt8] = []
    private var sorter: BucketSorter

    init(hashing: FeatureHashing, lexicon: SentimentLexicon?) {
        self.hashing = hashing
        self.lexicon = lexicon
        sorter = BucketSorter(bucketCount: hashing.bucketCount)
        tokenizer = SentimentTokenizer(marksNegation: hashing.marksNegation)
    }

    private static let wordSeed: UInt64 = 0x77_6F72_6473
    private static let negatedWordSeed: UInt64 = 0x6E_6567_6174_6564
    private static let characterSeed: UInt64 = 0x63_6861_7273

    mutating func extract(_ text: String) {
        tokenizer.tokenize(text)
        let mask = UInt64(hashing.bucketCount - 1)
        wordBuckets.removeAll(keepingCapacity: true)
        characterBuckets.removeAll(keepingCapacity: true)
        tokenHashes.removeAll(keepingCapacity: true)
        let bytes = tokenizer.bytes
        for token in tokenizer.tokens {
            tokenHashes.append(Self.fnv(bytes[token.range], seed: token.isNegated ? Self.negatedWordSeed : Self.wordSeed))
        }
        for length in hashing.wordNGrams where length <= tokenHashes.count {
            for start in 0...(tokenHashes.count - length) {
                var hash = UInt64(length)
                for index in start..<(start + length) {
                    hash = Self.mix(hash &* 0x9E37_79B9_7F4A_7C15 ^ tokenHashes[index])
                }
                wordBuckets.append(Int32(truncatingIfNeeded: hash & mask))
            }
        }
        let shortest = hashing.characterNGrams.lowerBound
        let longest = hashing.characterNGrams.upperBound
        for token in tokenizer.tokens where token.isWord {
            paddedWord.removeAll(keepingCapacity: true)
            paddedWord.append(0x20)
            paddedWord.append(contentsOf: bytes[token.range])
            paddedWord.append(0x20)
            for start in paddedWord.indices {
                var hash = Self.characterSeed
                for length in 1...longest {
                    let end = start + length
                    guard end <= paddedWord.count else { break }
                    hash = (hash ^ UInt64(paddedWord[end - 1])) &* 0x0000_0100_0000_01B3
                    if length >= shortest {
                        characterBuckets.append(Int32(truncatingIfNeeded: Self.mix(hash) & mask))
                    }
                }
            }
        }
        sorter.sort(&wordBuckets)
        sorter.sort(&characterBuckets)
        scoreLexicon()
    }

    private mutating func scoreLexicon() {
        lexiconValence = (0, 0, 0)
        guard let lexicon else { return }
        for token in tokenizer.tokens {
            guard var valence = lexicon.valencesByHash[SentimentLexicon.hash(tokenizer.bytes[token.range])] else { continue }
            if token.isNegated { valence *= -0.74 }
            lexiconValence.matches += 1
            if valence > 0 { lexiconValence.positive += valence } else { lexiconValence.negative -= valence }
        }
    }

    private static func fnv(_ bytes: ArraySlice<UInt8>, seed: UInt64) -> UInt64 {
        var hash = 0xcbf2_9ce4_8422_2325 ^ seed
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// The MurmurHash3 64-bit finaliser, so that low bits depend on every input bit.
    private static func mix(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }
}
