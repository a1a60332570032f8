/// Splits social-media text into normalised tokens over its UTF-8 bytes, without building strings.
///
/// URLs become `<url>`, @handles `<user>`, emoticons and emoji stay tokens, hashtags lose their `#`,
/// ASCII letters are lower-cased, letters repeated three times or more are cut to two ("soooo" → "soo"),
/// HTML entities are decoded and, when asked, up to three words after a negation are marked as negated.
struct SentimentTokenizer: Sendable {
    /// A token: a byte range of `bytes`, whether it is a plain word (so has character n-grams) and
    /// whether it is in the scope of a negation.
    struct Token: Sendable {
        var range: Range<Int>
        var isWord: Bool
        var isNegated: Bool
    }

    /// Normalised token bytes, back to back.
    private(set) var bytes: [UInt8] = []
    private(set) var tokens: [Token] = []
    private var negationScope = 0
    private let marksNegation: Bool

    init(marksNegation: Bool) {
        self.marksNegation = marksNegation
        bytes.reserveCapacity(256)
        tokens.reserveCapacity(64)
    }

    mutating func tokenize(_ text: String) {
        bytes.removeAll(keepingCapacity: true)
        tokens.removeAll(keepingCapacity: true)
        negationScope = 0
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            while start < utf8.count {
                while start < utf8.count, Self.isSpace(utf8[start]) { start += 1 }
                var end = start
                while end < utf8.count, !Self.isSpace(utf8[end]) { end += 1 }
                if end > start { tokenizeChunk(UnsafeBufferPointer(rebasing: utf8[start..<end])) }
                start = end
            }
        }
    }

    private static let smileys: Set<[UInt8]> = Set([
        ":)", ":-)", ":))", ":D", ":-D", ";)", ";-)", ":P", ":-P", ":p", "=)", "(:", "<3", "&lt;3", "xD", "XD", "=D",
    ].map { Array($0.utf8) })

    private static let frowns: Set<[UInt8]> = Set([
        ":(", ":-(", ":((", ":'(", ":/", ":-/", ":|", "):", "D:", ">:(", "-_-", ":@", "</3", "&lt;/3", "&gt;:(",
    ].map { Array($0.utf8) })

    private static let negators: Set<[UInt8]> = Set([
        "not", "no", "never", "cannot", "nothing", "nobody", "none", "nor", "neither", "without", "dont", "cant",
        "wont", "didnt", "doesnt", "isnt", "wasnt", "arent", "aint", "couldnt", "wouldnt", "shouldnt", "havent", "hasnt",
    ].map { Array($0.utf8) })

    private mutating func tokenizeChunk(_ chunk: UnsafeBufferPointer<UInt8>) {
        if Self.hasPrefix(chunk, "http") || Self.hasPrefix(chunk, "www.") {
            appendSpecial("<url>")
            return
        }
        if chunk.count > 1, chunk[0] == UInt8(ascii: "@") {
            appendSpecial("<user>")
            return
        }
        var trimmed = chunk.count
        while trimmed > 2, chunk[trimmed - 1] == UInt8(ascii: ".") || chunk[trimmed - 1] == UInt8(ascii: ",") { trimmed -= 1 }
        let candidate = Array(chunk[0..<trimmed])
        if Self.smileys.contains(candidate) {
            appendSpecial("<smile>")
            return
        }
        if Self.frowns.contains(candidate) {
            appendSpecial("<frown>")
            return
        }
        var index = 0
        var wordStart: Int?
        while index < chunk.count {
            let byte = chunk[index]
            if byte == UInt8(ascii: "&"), let (length, replacement) = Self.htmlEntity(in: chunk, at: index) {
                endWord(&wordStart)
                if let replacement { appendPunctuation(replacement) }
                index += length
                continue
            }
            if Self.isWordByte(byte) || byte >= 0xC2 && byte <= 0xDF || byte >= 0xE3 && byte <= 0xEF {
                let length = byte < 0x80 ? 1 : (byte <= 0xDF ? 2 : 3)
                if wordStart == nil { wordStart = bytes.count }
                for offset in 0..<min(length, chunk.count - index) {
                    appendWordByte(Self.lowercased(chunk[index + offset]), wordStart: wordStart!)
                }
                index += length
            } else if byte == UInt8(ascii: "'") || Self.isCurlyApostrophe(chunk, at: index) {
                if wordStart != nil { bytes.append(UInt8(ascii: "'")) }
                index += byte == UInt8(ascii: "'") ? 1 : 3
            } else if byte >= 0xF0 {
                endWord(&wordStart)
                let end = min(index + 4, chunk.count)
                appendSymbol(chunk[index..<end])
                index = end
            } else if byte == 0xE2 {
                endWord(&wordStart)
                let end = min(index + 3, chunk.count)
                if index + 1 < chunk.count, chunk[index + 1] >= 0x98 { appendSymbol(chunk[index..<end]) } else { negationScope = 0 }
                index = end
            } else {
                endWord(&wordStart)
                switch byte {
                case UInt8(ascii: "!"), UInt8(ascii: "?"): appendPunctuation(byte)
                case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"): negationScope = 0
                default: break
                }
                index += 1
            }
        }
        endWord(&wordStart)
    }

    private mutating func appendWordByte(_ byte: UInt8, wordStart: Int) {
        let count = bytes.count
        if count - wordStart >= 2, bytes[count - 1] == byte, bytes[count - 2] == byte { return }
        bytes.append(byte)
    }

    private mutating func endWord(_ wordStart: inout Int?) {
        guard let start = wordStart else { return }
        wordStart = nil
        while bytes.count > start, bytes[bytes.count - 1] == UInt8(ascii: "'") { bytes.removeLast() }
        guard bytes.count > start else { return }
        let word = bytes[start...]
        tokens.append(Token(range: start..<bytes.count, isWord: true, isNegated: marksNegation && negationScope > 0))
        if negationScope > 0 { negationScope -= 1 }
        if marksNegation, Self.negators.contains(Array(word)) || word.count > 3 && word.suffix(3).elementsEqual("n't".utf8) {
            negationScope = 3
        }
    }

    /// Appends a URL, handle or emoticon token, which also ends a negation scope.
    private mutating func appendSpecial(_ token: String) {
        negationScope = 0
        let start = bytes.count
        bytes.append(contentsOf: token.utf8)
        tokens.append(Token(range: start..<bytes.count, isWord: false, isNegated: false))
    }

    private mutating func appendSymbol(_ symbol: UnsafeBufferPointer<UInt8>.SubSequence) {
        let start = bytes.count
        bytes.append(contentsOf: symbol)
        tokens.append(Token(range: start..<bytes.count, isWord: false, isNegated: false))
    }

    private mutating func appendPunctuation(_ byte: UInt8) {
        negationScope = 0
        let start = bytes.count
        bytes.append(byte)
        tokens.append(Token(range: start..<bytes.count, isWord: false, isNegated: false))
    }

    /// Length of an HTML entity at `index` and the punctuation byte it stands for, if any.
    private static func htmlEntity(in chunk: UnsafeBufferPointer<UInt8>, at index: Int) -> (Int, UInt8?)? {
        let rest = UnsafeBufferPointer(rebasing: chunk[index...])
        if hasPrefix(rest, "&amp;") { return (5, nil) }
        if hasPrefix(rest, "&lt;") || hasPrefix(rest, "&gt;") { return (4, nil) }
        if hasPrefix(rest, "&quot;") { return (6, nil) }
        return nil
    }

    private static func isCurlyApostrophe(_ chunk: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + 2 < chunk.count && chunk[index] == 0xE2 && chunk[index + 1] == 0x80 && (chunk[index + 2] == 0x99 || chunk[index + 2] == 0x98)
    }

    private static func hasPrefix(_ chunk: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        guard chunk.count >= prefix.utf8CodeUnitCount else { return false }
        for offset in 0..<prefix.utf8CodeUnitCount where lowercased(chunk[offset]) != prefix.utf8Start[offset] { return false }
        return true
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39 || byte >= 0x41 && byte <= 0x5A || byte >= 0x61 && byte <= 0x7A || byte == UInt8(ascii: "_")
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }
}
