import Foundation

/// Expands `${VAR}`, `${VAR:-default}`, `${VAR:?message}`, `${credential:NAME}` and `$$` in
/// configuration values. Values are never echoed in errors, so secrets stay out of logs.
public struct Interpolator: Sendable {
    public var environment: [String: String]
    /// `$CREDENTIALS_DIRECTORY` of systemd's `LoadCredential=`.
    public var credentialsDirectory: String?

    public init(environment: [String: String], credentialsDirectory: String? = nil) {
        self.environment = environment
        self.credentialsDirectory = credentialsDirectory ?? environment["CREDENTIALS_DIRECTORY"]
    }

    /// A failed expansion: a message and the character offset of the `${` in the text.
    public struct Failure: Error, Sendable, Equatable {
        public var message: String
        public var offset: Int

        public init(message: String, offset: Int) {
            self.message = message
            self.offset = offset
        }
    }

    public func expand(_ text: String) throws(Failure) -> String {
        guard text.contains("$") else { return text }
        var result = ""
        let characters = Array(text)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            guard c == "$", i + 1 < characters.count else {
                result.append(c)
                i += 1
                continue
            }
            if characters[i + 1] == "$" {
                result.append("$")
                i += 2
                continue
            }
            guard characters[i + 1] == "{" else {
                result.append(c)
                i += 1
                continue
            }
            guard let close = characters[(i + 2)...].firstIndex(of: "}") else {
                throw Failure(message: "unterminated '${' in value", offset: i)
            }
            let body = String(characters[(i + 2)..<close])
            result += try resolve(body, offset: i)
            i = close + 1
        }
        return result
    }

    private func resolve(_ body: String, offset: Int) throws(Failure) -> String {
        if body.hasPrefix("credential:") {
            let name = String(body.dropFirst("credential:".count))
            guard isValidName(name, allowing: "-_.") else {
                throw Failure(message: "invalid credential name '\(name)'", offset: offset)
            }
            guard let directory = credentialsDirectory else {
                throw Failure(message: "credential '\(name)' requested but $CREDENTIALS_DIRECTORY is not set (use LoadCredential= in the unit)", offset: offset)
            }
            guard let data = FileManager.default.contents(atPath: directory + "/" + name),
                  var value = String(data: data, encoding: .utf8)
            else {
                throw Failure(message: "credential '\(name)' not found in $CREDENTIALS_DIRECTORY", offset: offset)
            }
            while value.hasSuffix("\n") || value.hasSuffix("\r") { value.removeLast() }
            return value
        }
        var name = body
        var fallback: String?
        var requiredMessage: String?
        if let range = body.range(of: ":-") {
            name = String(body[..<range.lowerBound])
            fallback = String(body[range.upperBound...])
        } else if let range = body.range(of: ":?") {
            name = String(body[..<range.lowerBound])
            requiredMessage = String(body[range.upperBound...])
        }
        guard isValidName(name, allowing: "_") else {
            throw Failure(message: "invalid variable name '\(name)' in '${\(body)}'", offset: offset)
        }
        let value = environment[name]
        if let fallback {
            return (value?.isEmpty ?? true) ? fallback : value!
        }
        if let requiredMessage {
            guard let value, !value.isEmpty else {
                let detail = requiredMessage.isEmpty ? "is required" : requiredMessage
                throw Failure(message: "environment variable \(name) is not set: \(detail)", offset: offset)
            }
            return value
        }
        guard let value else {
            throw Failure(message: "environment variable \(name) is not set (write ${\(name):-default} for a default)", offset: offset)
        }
        return value
    }

    private func isValidName(_ name: String, allowing extra: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            ($0.value < 128 && (CharacterSet.alphanumerics.contains($0))) || extra.unicodeScalars.contains($0)
        }
    }
}
