/// Optimal-string-alignment edit distance: insertions, deletions, substitutions and adjacent transpositions.
enum DamerauDistance {
    /// The distance between `a` and `b`, or `nil` when it exceeds `limit`.
    static func distance(_ a: [UInt32], _ b: [UInt32], limit: Int) -> Int? {
        let m = a.count
        let n = b.count
        guard abs(m - n) <= limit else { return nil }
        if m == 0 || n == 0 { return max(m, n) }
        var previousPrevious = [Int](repeating: 0, count: n + 1)
        var previous = Array(0...n)
        var current = [Int](repeating: 0, count: n + 1)
        for i in 1...m {
            current[0] = i
            var rowMinimum = i
            for j in 1...n {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return nil }
            swap(&previousPrevious, &previous)
            swap(&previous, &current)
        }
        return previous[n] <= limit ? previous[n] : nil
    }
}
