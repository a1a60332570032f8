extension Interpolator {
    /// Whether expanding `text` takes anything from outside the file: a credential, or a
    /// variable that is set (a `${VAR:-default}` falling back to its default does not). Such a
    /// value may be a secret and is never printed back.
    public func drawsFromOutside(_ text: String) -> Bool {
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            if rest[..<start.lowerBound].hasSuffix("$") {
                rest = rest[start.upperBound...]
                continue
            }
            guard let close = rest[start.upperBound...].firstIndex(of: "}") else { return false }
            let body = rest[start.upperBound..<close]
            if body.hasPrefix("credential:") { return true }
            let name = body.split(separator: ":", maxSplits: 1).first.map(String.init) ?? String(body)
            if let value = environment[name], !value.isEmpty || !body.contains(":-") { return true }
            rest = rest[rest.index(after: close)...]
        }
        return false
    }
}
