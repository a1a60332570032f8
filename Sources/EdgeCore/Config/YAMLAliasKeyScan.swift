/// Finds an alias used as a mapping key (`? *a` or `*a: …`) before the YAML is composed:
/// composing hashes each key, and nested alias keys make that cost grow tenfold per level (a
/// 500-byte file ran for minutes). Configuration files have no use for them; aliases as values
/// (`<<: *defaults`) are unaffected. Reads the text once, skipping comments, quoted strings and
/// block scalars.
public enum YAMLAliasKeyScan {
    /// Refuses `text` when it uses an alias as a key, naming the place.
    public static func check(_ text: String, file: String) throws(ConfigError) {
        guard let found = firstAliasKey(in: text) else { return }
        throw ConfigError(code: .invalid, diagnostics: [Diagnostic(
            at: SourceLocation(file: file, line: found.line, column: found.column),
            "the alias *\(found.alias) is used as a mapping key; write the key out (aliases may only be values)"
        )])
    }

    /// The line and column (1-based) of the first alias used as a key, with its name.
    static func firstAliasKey(in text: String) -> (line: Int, column: Int, alias: String)? {
        // Most files have no alias at all.
        guard text.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var lineNumber = 0
        var blockIndent: Int?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let bytes = Array(line.utf8)
            let indent = bytes.prefix { $0 == UInt8(ascii: " ") }.count
            if let block = blockIndent {
                if indent > block || bytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
                blockIndent = nil
            }
            if let found = scan(bytes, opensBlock: &blockIndent, indent: indent) {
                return (lineNumber, found.column, found.alias)
            }
        }
        return nil
    }

    private static func isAnchorByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte >= 0x80
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") }

    /// One line: an alias key's column and name, and whether the line opens a block scalar.
    private static func scan(_ bytes: [UInt8], opensBlock blockIndent: inout Int?, indent: Int) -> (column: Int, alias: String)? {
        var index = 0
        var afterExplicitKey = false
        while index < bytes.count {
            let byte = bytes[index]
            if isSpace(byte) {
                index += 1
                continue
            }
            let atTokenStart = index == 0 || isSpace(bytes[index - 1]) || "[{,".utf8.contains(bytes[index - 1])
            let explicitKey = afterExplicitKey
            afterExplicitKey = false
            guard atTokenStart else {
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "#"):
                return nil
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                index += 1
                while index < bytes.count {
                    if byte == UInt8(ascii: "\""), bytes[index] == UInt8(ascii: "\\") { index += 2; continue }
                    if bytes[index] == byte {
                        if byte == UInt8(ascii: "'"), index + 1 < bytes.count, bytes[index + 1] == byte { index += 2; continue }
                        break
                    }
                    index += 1
                }
            case UInt8(ascii: "?") where index + 1 == bytes.count || isSpace(bytes[index + 1]):
                afterExplicitKey = true
            case UInt8(ascii: "*"):
                let start = index
                index += 1
                while index < bytes.count, isAnchorByte(bytes[index]) { index += 1 }
                var next = index
                while next < bytes.count, isSpace(bytes[next]) { next += 1 }
                let colonFollows = next < bytes.count && bytes[next] == UInt8(ascii: ":")
                    && (next + 1 == bytes.count || isSpace(bytes[next + 1]) || ",}]".utf8.contains(bytes[next + 1]))
                if index > start + 1, explicitKey || colonFollows {
                    return (start + 1, String(decoding: bytes[(start + 1)..<index], as: UTF8.self))
                }
                continue
            case UInt8(ascii: "|"), UInt8(ascii: ">"):
                // A block scalar when only indicators (and a comment) follow: the lines below that
                // are indented more are text.
                let rest = bytes[(index + 1)...].prefix { !isSpace($0) }
                let after = bytes[(index + 1 + rest.count)...].drop(while: isSpace)
                if rest.allSatisfy({ "+-0123456789".utf8.contains($0) }), after.first.map({ $0 == UInt8(ascii: "#") }) ?? true {
                    blockIndent = indent
                    return nil
                }
            default:
                break
            }
            index += 1
        }
        return nil
    }
}
