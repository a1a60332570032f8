/// How text becomes hashed features: which n-grams are taken and how many buckets they fall into.
public struct FeatureHashing: Sendable, Hashable, Codable {
    /// The feature space has `1 << bucketBits` buckets.
    public var bucketBits: Int
    /// Word n-gram lengths, e.g. `1...2` for unigrams and bigrams.
    public var wordNGrams: ClosedRange<Int>
    /// Character n-gram lengths taken inside word boundaries (each word padded with a space each side).
    public var characterNGrams: ClosedRange<Int>
    /// Whether words in the scope of a negation ("not good") are hashed as distinct features.
    public var marksNegation: Bool

    public init(bucketBits: Int = 18, wordNGrams: ClosedRange<Int> = 1...2, characterNGrams: ClosedRange<Int> = 2...5, marksNegation: Bool = true) {
        self.bucketBits = bucketBits
        self.wordNGrams = wordNGrams
        self.characterNGrams = characterNGrams
        self.marksNegation = marksNegation
    }

    public var bucketCount: Int { 1 << bucketBits }
}
