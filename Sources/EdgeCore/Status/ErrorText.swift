import Foundation

/// An error as operators may see it in `/api/stages`, the page, `top` and `STATUS=`: one line,
/// bounded, and with credentials removed (a URL's password, `password=…` in a libpq conninfo,
/// API keys and bearer tokens), since an error may quote a connection string.
public enum ErrorText {
    /// The longest text kept; longer errors are cut with an ellipsis.
    static let maxLength = 400

    /// `error` described and redacted.
    public static func describe(_ error: any Error) -> String {
        redact(String(describing: error))
    }

    /// `text` on one line, bounded, without secrets.
    public static func redact(_ text: String) -> String {
        var line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "; ")
        for (pattern, template) in rules {
            line = pattern.stringByReplacingMatches(in: line, range: NSRange(line.startIndex..., in: line), withTemplate: template)
        }
        if line.count > maxLength { line = String(line.prefix(maxLength - 1)) + "…" }
        return line
    }

    private nonisolated(unsafe) static let rules: [(NSRegularExpression, String)] = [
        // scheme://user:password@host → scheme://user:***@host
        (#"([A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]*):[^@\s/]*@"#, "$1:***@"),
        // password=…, api_key: …, token=… (conninfo, query strings, librdkafka properties)
        (#"(?i)\b((?:[a-z_.]*password|passwd|pwd|secret|api[_-]?key|apikey|token|access[_-]?key)["']?\s*[=:]\s*["']?)[^\s&;,"']+"#, "$1***"),
        (#"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]+"#, "$1***"),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }
}
