import EdgeCore
import Foundation

extension OptionType {
    /// A type as written in a manifest: `string`, `int`, `double` (or `number`), `bool`,
    /// `duration`, `a|b|c` (one of these words), `[T]` (a list) or `{T}` (a map of names to T).
    init?(manifest text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("["), text.hasSuffix("]") {
            guard let element = OptionType(manifest: String(text.dropFirst().dropLast())) else { return nil }
            self = .list(element)
            return
        }
        if text.hasPrefix("{"), text.hasSuffix("}") {
            guard let element = OptionType(manifest: String(text.dropFirst().dropLast())) else { return nil }
            self = .map(element)
            return
        }
        if text.contains("|") {
            let words = text.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !words.contains(where: \.isEmpty) else { return nil }
            self = .choice(words)
            return
        }
        switch text {
        case "string": self = .string
        case "int": self = .int
        case "double", "number": self = .double
        case "bool": self = .bool
        case "duration": self = .duration
        default: return nil
        }
    }
}
