/// Parses durations written in config files: `250ms`, `10s`, `5m`, `1h`, `1d`, or plain seconds,
/// up to ten years; anything longer, negative or not finite is not a duration.
public enum DurationParser {
    /// Ten years: longer is a typo, and would overflow the clock's arithmetic.
    public static let maximumMilliseconds: Double = 10 * 365 * 86_400_000

    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: " ")
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
        for (suffix, scale) in units where trimmed.hasSuffix(suffix) {
            let number = trimmed.dropLast(suffix.count)
            guard let value = Double(number), !(suffix == "m" && number.hasSuffix("m")) else { continue }
            return milliseconds(value * scale * 1000)
        }
        return Double(trimmed).flatMap { milliseconds($0 * 1000) }
    }

    private static func milliseconds(_ value: Double) -> Duration? {
        guard value.isFinite, value >= 0, value <= maximumMilliseconds else { return nil }
        return .milliseconds(Int64(value.rounded()))
    }
}

extension String {
    func trimmingCharacters(in character: Character) -> String {
        var slice = Substring(self)
        while slice.first == character { slice.removeFirst() }
        while slice.last == character { slice.removeLast() }
        return String(slice)
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    public var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}
