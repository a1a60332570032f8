/// English words the entity recogniser must not mistake for catalogue names.
///
/// A `common` word ("target", "boots", "public") in the text matches a catalogue name spelled the
/// same only with evidence (see ``EntityRecognizer``); no `known` word ("roger", "publican") is
/// ever typo-corrected into a name. Keys are lower-cased without apostrophes, as the recogniser's.
public struct EnglishWords: Sendable {
    public private(set) var common: Set<String> = []
    /// Every word: the common ones and the rest.
    public private(set) var known: Set<String> = []

    /// No words: every exact match links and every unknown word may be a typo.
    public static let none = EnglishWords()

    private init() {}

    /// Word lists as text, one word per line; lines starting with `#` are comments.
    public init(commonList: String, moreList: String) {
        common = Self.words(in: commonList)
        known = common.union(Self.words(in: moreList))
    }

    private static func words(in list: String) -> Set<String> {
        var words = Set<String>(minimumCapacity: list.utf8.count / 9)
        for line in list.split(separator: "\n", omittingEmptySubsequences: true) where line.first != "#" {
            words.insert(String(line))
        }
        return words
    }
}
