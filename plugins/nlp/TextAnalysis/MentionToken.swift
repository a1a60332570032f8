/// A word of the input as entity recognition sees it: its span and its normalised matching key.
struct MentionToken: Sendable {
    /// Code-point offset of the first scalar, including a `#` or `@` sigil.
    var start: Int
    /// Code-point offset just past the word, excluding a possessive `'s`.
    var end: Int
    /// Lower-cased, apostrophe-free, singularised form used for lookup.
    var key: String
    /// Scalars of `key`, for fuzzy matching.
    var keyScalars: [UInt32]
    /// Scalars of the key before singularising, for fuzzy matching: "jeasn" is one swap from "jeans", not "jean".
    var unsingularisedKeyScalars: [UInt32]
    /// The key before singularising, as text.
    var unsingularisedKey: String { Self.text(of: unsingularisedKeyScalars) }
    /// Whether the word looks like a model number ("15", "X200", "S24").
    var isModelNumber: Bool
    /// Whether the word names a model variant that may follow a model number ("Pro", "Max", "Mini").
    var isModelVariant: Bool

    /// Key scalars as text.
    static func text(of scalars: [UInt32]) -> String {
        var view = String.UnicodeScalarView()
        for value in scalars {
            if let scalar = Unicode.Scalar(value) { view.append(scalar) }
        }
        return String(view)
    }
}
