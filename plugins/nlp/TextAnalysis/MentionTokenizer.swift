/// Splits text into `MentionToken`s and normalises catalogue names into the same keys.
///
/// A word is a run of letters and digits, with apostrophes allowed inside it; hyphens, dots and spaces
/// separate words. Keys are lower-cased, lose apostrophes and a possessive `'s`, and are singularised
/// ("iPhones" → "iphone", "Lowe's" → "lowe"), so that text and catalogue meet on the same form.
enum MentionTokenizer {
    static func tokens(in scalars: [Unicode.Scalar]) -> [MentionToken] {
        var tokens: [MentionToken] = []
        tokens.reserveCapacity(scalars.count / 4)
        let count = scalars.count
        var index = 0
        while index < count {
            guard isWordScalar(scalars[index]) else {
                index += 1
                continue
            }
            let wordStart = index
            var end = index + 1
            while end < count {
                if isWordScalar(scalars[end]) {
                    end += 1
                } else if isApostrophe(scalars[end]), end + 1 < count, isWordScalar(scalars[end + 1]) {
                    end += 2
                } else {
                    break
                }
            }
            tokens.append(makeToken(scalars, wordStart: wordStart, wordEnd: end))
            index = end
        }
        return tokens
    }

    /// The key sequences under which a catalogue name is indexed: as written, split at camel-case
    /// boundaries ("BestBuy" → best buy) and run together ("Best Buy" → bestbuy) when that has
    /// four letters or more.
    static func keySequences(ofName name: String) -> [[MentionToken]] {
        let scalars = Array(name.unicodeScalars)
        let asWritten = tokens(in: scalars)
        var sequences = [asWritten]
        let camelSplit = tokens(in: splittingCamelCase(scalars))
        if camelSplit.map(\.key) != asWritten.map(\.key) { sequences.append(camelSplit) }
        let compact = tokens(in: scalars.filter(isWordScalar))
        // Not for short names: "M&S" run together is "ms", "H&M" is "hm", ordinary tokens both.
        if compact.count == 1, compact[0].keyScalars.count >= 4, compact.map(\.key) != asWritten.map(\.key) { sequences.append(compact) }
        return sequences.filter { !$0.isEmpty }
    }

    private static let modelVariants: Set<String> = ["pro", "max", "plus", "ultra", "mini", "lite", "air", "se"]

    private static func makeToken(_ scalars: [Unicode.Scalar], wordStart: Int, wordEnd: Int) -> MentionToken {
        var start = wordStart
        if start > 0, scalars[start - 1] == "#" || scalars[start - 1] == "@" { start -= 1 }
        var coreEnd = wordEnd
        if wordEnd - wordStart >= 3, isApostrophe(scalars[wordEnd - 2]), scalars[wordEnd - 1] == "s" || scalars[wordEnd - 1] == "S" {
            coreEnd = wordEnd - 2
        }
        var key: [UInt32] = []
        key.reserveCapacity(coreEnd - wordStart)
        var containsDigit = false
        for scalar in scalars[wordStart..<coreEnd] where !isApostrophe(scalar) {
            appendLowercased(scalar, to: &key)
            if scalar.properties.numericType != nil { containsDigit = true }
        }
        let unsingularised = key
        singularise(&key)
        let precededByCurrency = wordStart > 0 && "$£€¥".unicodeScalars.contains(scalars[wordStart - 1])
        let isModelNumber = containsDigit && key.count <= 8 && !precededByCurrency
        let keyString = MentionToken.text(of: key)
        return MentionToken(
            start: start,
            end: coreEnd,
            key: keyString,
            keyScalars: key,
            unsingularisedKeyScalars: unsingularised,
            isModelNumber: isModelNumber,
            isModelVariant: modelVariants.contains(keyString)
        )
    }

    private static func appendLowercased(_ scalar: Unicode.Scalar, to key: inout [UInt32]) {
        let value = scalar.value
        if value < 0x80 {
            key.append(value >= 0x41 && value <= 0x5A ? value + 0x20 : value)
        } else {
            for lowered in scalar.properties.lowercaseMapping.unicodeScalars { key.append(lowered.value) }
        }
    }

    /// Drops a plural ending: "-ies" → "-y", a final "s" unless after another "s".
    private static func singularise(_ key: inout [UInt32]) {
        let s: UInt32 = 0x73
        let count = key.count
        guard count > 3, key[count - 1] == s else { return }
        if count > 4, key[count - 3] == 0x69, key[count - 2] == 0x65 {
            key.removeLast(3)
            key.append(0x79)
        } else if key[count - 2] != s, isLetter(key[count - 2]) {
            key.removeLast()
        }
    }

    /// Inserts a space where a lower-case letter is followed by an upper-case one and at least two
    /// letters precede it, so "PlayStation" splits but "iPhone" does not.
    private static func splittingCamelCase(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        var runLength = 0
        for scalar in scalars {
            if scalar.properties.isUppercase, let previous = result.last, previous.properties.isLowercase, runLength >= 2 {
                result.append(" ")
                runLength = 0
            }
            result.append(scalar)
            runLength = isWordScalar(scalar) ? runLength + 1 : 0
        }
        return result
    }

    private static func isLetter(_ value: UInt32) -> Bool {
        value >= 0x61 && value <= 0x7A || value >= 0x80
    }

    private static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}"
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return value >= 0x30 && value <= 0x39 || value >= 0x41 && value <= 0x5A || value >= 0x61 && value <= 0x7A
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
