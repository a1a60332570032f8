import Foundation

/// An error as operators may see it in `/api/stages`, the page, `top` and `STATUS=`: one line,
/// bounded, and with credentials removed (a URL's password, `password=…` in a libpq conninfo,
/// API keys and bearer tokens), since an error may quote a connection string.
public enum ErrorText {
    /// The longest text kept; longer errors are cut with an ellipsis.
    static let maxLength = 400

    /// `error` described and redacted; a Foundation file error as `PATH: reason` (the
    /// system's words, like `Permission denied`) instead of its `NSCocoaErrorDomain Code=513` dump.
    public static func describe(_ error: any Error) -> String {
        redact(fileProblem(error) ?? String(describing: error))
    }

    /// `PATH: reason` for an error of Foundation's file APIs, nil for any other error.
    static func fileProblem(_ error: any Error) -> String? {
        let ns = error as NSError
        guard ns.domain == NSCocoaErrorDomain else { return nil }
        let path = ns.userInfo[NSFilePathErrorKey] as? String ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        let reason: String
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32(underlying.code)))
        } else {
            switch ns.code {
            case CocoaError.fileWriteNoPermission.rawValue, CocoaError.fileReadNoPermission.rawValue: reason = "Permission denied"
            case CocoaError.fileNoSuchFile.rawValue, CocoaError.fileReadNoSuchFile.rawValue: reason = "No such file or directory"
            case CocoaError.fileWriteOutOfSpace.rawValue: reason = "No space left on device"
            default: reason = ns.localizedDescription
            }
        }
        return path.map { "\($0): \(reason)" } ?? reason
    }

    /// `text` on one line, bounded, without secrets.
    public static func redact(_ text: String) -> String {
        var line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "; ")
        let lowercased = line.lowercased()
        for (triggers, pattern, template) in rules where triggers.contains(where: lowercased.contains) {
            line = pattern.stringByReplacingMatches(in: line, range: NSRange(line.startIndex..., in: line), withTemplate: template)
        }
        if line.count > maxLength { line = String(line.prefix(maxLength - 1)) + "…" }
        return line
    }

    /// Each rule with the lowercase words one of which a text must contain for the rule to match: most
    /// errors contain none, and skip the regular expressions.
    private static let rules: [(triggers: [String], pattern: NSRegularExpression, template: String)] = [
        // scheme://user:password@host → scheme://user:***@host
        (["://"], #"([A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]*):[^@\s/]*@"#, "$1:***@"),
        // password=…, api_key: …, token=… (conninfo, query strings, librdkafka properties)
        (["pass", "pwd", "secret", "key", "token"],
         #"(?i)\b([a-z_.-]*(?:password|passwd|pwd|secret|api[_-]?key|apikey|token|access[_-]?key)["']?\s*[=:]\s*["']?)[^\s&;,"']+"#, "$1***"),
        (["bearer"], #"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]+"#, "$1***"),
    ].map { ($0.0, try! NSRegularExpression(pattern: $0.1), $0.2) }
}
