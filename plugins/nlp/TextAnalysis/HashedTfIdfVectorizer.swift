import Foundation

/// Turns text into TF-IDF vectors over hashed n-grams: sublinear term frequency (1 + ln tf) times a
/// learned inverse document frequency, with the word and character blocks each L2-normalised to 1/√2
/// so that the whole vector has unit length. With a lexicon, three dense features follow in reserved
/// buckets: the positive and negative parts of the compound valence s / √(s² + 15) and a no-match flag.
struct HashedTfIdfVectorizer: Sendable {
    let hashing: FeatureHashing
    let lexicon: SentimentLexicon?
    /// Smoothed inverse document frequency per bucket: ln((1 + n) / (1 + df)) + 1.
    var inverseDocumentFrequency: [Float]

    init(hashing: FeatureHashing, lexicon: SentimentLexicon?, inverseDocumentFrequency: [Float]) {
        self.hashing = hashing
        self.lexicon = lexicon
        self.inverseDocumentFrequency = inverseDocumentFrequency
    }

    /// A vectorizer whose IDF is learned from `texts`.
    init(fittingTo texts: [String], hashing: FeatureHashing, lexicon: SentimentLexicon?) {
        var documentFrequency = [Int32](repeating: 0, count: hashing.bucketCount)
        var extractor = FeatureExtractor(hashing: hashing, lexicon: nil)
        var seen: [Int32] = []
        for text in texts {
            extractor.extract(text)
            seen.removeAll(keepingCapacity: true)
            seen.append(contentsOf: extractor.wordBuckets)
            seen.append(contentsOf: extractor.characterBuckets)
            seen.sort()
            var previous: Int32 = -1
            for bucket in seen where bucket != previous {
                documentFrequency[Int(bucket)] += 1
                previous = bucket
            }
        }
        let documentCount = Float(texts.count)
        self.init(
            hashing: hashing,
            lexicon: lexicon,
            inverseDocumentFrequency: documentFrequency.map { log((1 + documentCount) / (1 + Float($0))) + 1 }
        )
    }

    func vectors(for texts: [String]) -> [SparseVector] {
        var extractor = makeExtractor()
        return texts.map { vector(for: $0, using: &extractor) }
    }

    func vector(for text: String, using extractor: inout FeatureExtractor) -> SparseVector {
        extractor.extract(text)
        var vector = SparseVector()
        vector.indices.reserveCapacity(extractor.wordBuckets.count + extractor.characterBuckets.count)
        vector.values.reserveCapacity(vector.indices.capacity)
        appendBlock(extractor.wordBuckets, to: &vector)
        appendBlock(extractor.characterBuckets, to: &vector)
        if lexicon != nil { appendLexiconFeatures(extractor.lexiconValence, to: &vector) }
        return vector
    }

    func makeExtractor() -> FeatureExtractor {
        FeatureExtractor(hashing: hashing, lexicon: lexicon)
    }

    /// The three lexicon features go to the last three buckets, shared with whatever hashes there.
    private func appendLexiconFeatures(_ valence: (positive: Float, negative: Float, matches: Int), to vector: inout SparseVector) {
        let sum = valence.positive - valence.negative
        let compound = sum / (sum * sum + 15).squareRoot()
        let lastBucket = Int32(hashing.bucketCount - 1)
        vector.indices.append(contentsOf: [lastBucket, lastBucket - 1, lastBucket - 2])
        vector.values.append(contentsOf: [max(compound, 0), max(-compound, 0), valence.matches == 0 ? 1 : 0])
    }

    /// Appends the TF-IDF weights of sorted `buckets`, normalised to length 1/√2.
    private func appendBlock(_ buckets: [Int32], to vector: inout SparseVector) {
        guard !buckets.isEmpty else { return }
        let blockStart = vector.values.count
        var squaredNorm: Float = 0
        var index = 0
        while index < buckets.count {
            let bucket = buckets[index]
            var runEnd = index + 1
            while runEnd < buckets.count, buckets[runEnd] == bucket { runEnd += 1 }
            let weight = (1 + log(Float(runEnd - index))) * inverseDocumentFrequency[Int(bucket)]
            vector.indices.append(bucket)
            vector.values.append(weight)
            squaredNorm += weight * weight
            index = runEnd
        }
        let scale = 1 / (squaredNorm.squareRoot() * Float(2).squareRoot())
        for position in blockStart..<vector.values.count { vector.values[position] *= scale }
    }
}
