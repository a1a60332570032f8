/// Word valences (e.g. the VADER lexicon, −4…+4) that add three dense features to the hashed ones:
/// the positive and negative parts of a VADER-style compound score and whether any lexicon word occurred.
public struct SentimentLexicon: Sendable, Hashable {
    /// Valence per lower-cased word.
    public let valences: [String: Float]
    /// Valences keyed by the same byte hash the feature extractor computes for tokens.
    let valencesByHash: [UInt64: Float]

    public init(valences: [String: Float]) {
        self.valences = valences
        var byHash: [UInt64: Float] = [:]
        for (word, valence) in valences {
            byHash[Self.hash(Array(word.lowercased().utf8)[...])] = valence
        }
        byHash[Self.hash(Array("<smile>".utf8)[...])] = 2
        byHash[Self.hash(Array("<frown>".utf8)[...])] = -2
        valencesByHash = byHash
    }

    /// Reads the tab-separated VADER lexicon format: `word<TAB>mean valence<TAB>...` per line.
    public init(vaderLexicon text: String) {
        var valences: [String: Float] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: "\t")
            guard fields.count >= 2, let valence = Float(fields[1]) else { continue }
            valences[String(fields[0])] = valence
        }
        self.init(valences: valences)
    }

    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
