/// "Did you mean" suggestions from Levenshtein distance.
public enum EditDistance {
    /// The edit distance between `a` and `b`.
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased().unicodeScalars)
        let b = Array(b.lowercased().unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The closest candidate to `name`, if it is close enough to be a likely typo, or else the
    /// one candidate `name` is a word-prefix of (`horizon` → `horizon_days`).
    public static func suggestion<S: Sequence>(for name: String, among candidates: S) -> String? where S.Element == String {
        let limit = max(1, min(3, name.count / 3))
        var best: (String, Int)?
        var extended: [String] = []
        for candidate in candidates {
            let distance = between(name, candidate)
            if distance <= limit, best == nil || distance < best!.1 { best = (candidate, distance) }
            if name.count >= 3, candidate.lowercased().hasPrefix(name.lowercased() + "_") { extended.append(candidate) }
        }
        return best?.0 ?? (extended.count == 1 ? extended[0] : nil)
    }
}
