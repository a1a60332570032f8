/// A strptime-like pattern for dates and timestamps that are not ISO 8601, such as
/// `%m/%d/%Y %H:%M` (US exports) or `%d.%m.%Y`. Directives: `%Y` (4-digit year), `%y` (2-digit
/// year, 69–99 → 19xx), `%m`, `%d`, `%H`, `%I` with `%p` (AM/PM), `%M`, `%S` (1 or 2 digits),
/// `%f` (fraction of a second), `%b` (month name, 3+ letters), `%z` (`Z`, `±HH:MM` or `±HHMM`),
/// `%%`. Anything else must match literally. Parses bytes without allocating.
public struct DateTimeFormat: Sendable, Hashable {
    enum Token: Sendable, Hashable {
        case literal(UInt8)
        case year4, year2, month, monthName, day, hour24, hour12, amPm, minute, second, fraction, zone
    }

    let tokens: [Token]
    public let pattern: String
    /// Whether the pattern reads a zone (`%z`); without one, timestamps are naive wall-clock times.
    public let hasZone: Bool

    /// Compiles `pattern`; `nil` for an unknown directive.
    public init?(_ pattern: String) {
        var tokens: [Token] = []
        var bytes = Array(pattern.utf8)[...]
        while let byte = bytes.popFirst() {
            guard byte == UInt8(ascii: "%") else {
                tokens.append(.literal(byte))
                continue
            }
            guard let directive = bytes.popFirst() else { return nil }
            switch directive {
            case UInt8(ascii: "Y"): tokens.append(.year4)
            case UInt8(ascii: "y"): tokens.append(.year2)
            case UInt8(ascii: "m"): tokens.append(.month)
            case UInt8(ascii: "b"): tokens.append(.monthName)
            case UInt8(ascii: "d"): tokens.append(.day)
            case UInt8(ascii: "H"): tokens.append(.hour24)
            case UInt8(ascii: "I"): tokens.append(.hour12)
            case UInt8(ascii: "p"): tokens.append(.amPm)
            case UInt8(ascii: "M"): tokens.append(.minute)
            case UInt8(ascii: "S"): tokens.append(.second)
            case UInt8(ascii: "f"): tokens.append(.fraction)
            case UInt8(ascii: "z"): tokens.append(.zone)
            case UInt8(ascii: "%"): tokens.append(.literal(UInt8(ascii: "%")))
            default: return nil
            }
        }
        self.tokens = tokens
        self.pattern = pattern
        self.hasZone = tokens.contains(.zone)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map { Array($0.utf8) }

    /// Microseconds since the epoch (as if UTC, naive, unless the pattern has a `%z` zone).
    public func timestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0
        var fraction: Int64 = 0, offsetSeconds = 0
        var pm: Bool?
        var i = 0
        let count = bytes.count
        func number(maxDigits: Int, minDigits: Int = 1) -> Int? {
            var value = 0, digits = 0
            while digits < maxDigits, i < count, bytes[i] &- 0x30 < 10 {
                value = value * 10 + Int(bytes[i] &- 0x30)
                i += 1
                digits += 1
            }
            return digits >= minDigits ? value : nil
        }
        for token in tokens {
            switch token {
            case .literal(let byte):
                guard i < count, bytes[i] == byte else { return nil }
                i += 1
            case .year4: guard let v = number(maxDigits: 4, minDigits: 4) else { return nil }; year = v
            case .year2: guard let v = number(maxDigits: 2, minDigits: 2) else { return nil }; year = v < 69 ? 2000 + v : 1900 + v
            case .month: guard let v = number(maxDigits: 2) else { return nil }; month = v
            case .day: guard let v = number(maxDigits: 2) else { return nil }; day = v
            case .hour24: guard let v = number(maxDigits: 2), v < 24 else { return nil }; hour = v
            case .hour12: guard let v = number(maxDigits: 2), (1...12).contains(v) else { return nil }; hour = v
            case .minute: guard let v = number(maxDigits: 2), v < 60 else { return nil }; minute = v
            case .second: guard let v = number(maxDigits: 2), v < 61 else { return nil }; second = v
            case .fraction:
                var scale: Int64 = 100_000
                let start = i
                while i < count, bytes[i] &- 0x30 < 10 {
                    fraction += Int64(bytes[i] &- 0x30) * scale
                    scale /= 10
                    i += 1
                }
                guard i > start else { return nil }
            case .monthName:
                var letters: [UInt8] = []
                while i < count, (bytes[i] | 0x20) >= UInt8(ascii: "a"), (bytes[i] | 0x20) <= UInt8(ascii: "z") {
                    letters.append(bytes[i] | 0x20)
                    i += 1
                }
                guard letters.count >= 3, let index = Self.months.firstIndex(of: Array(letters.prefix(3))) else { return nil }
                month = index + 1
            case .amPm:
                guard i + 1 < count else { return nil }
                let a = bytes[i] | 0x20, b = bytes[i + 1] | 0x20
                guard b == UInt8(ascii: "m"), a == UInt8(ascii: "a") || a == UInt8(ascii: "p") else { return nil }
                pm = a == UInt8(ascii: "p")
                i += 2
            case .zone:
                guard i < count else { return nil }
                if bytes[i] == UInt8(ascii: "Z") || bytes[i] == UInt8(ascii: "z") {
                    i += 1
                    continue
                }
                let sign = bytes[i] == UInt8(ascii: "-") ? -1 : 1
                guard bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") else { return nil }
                i += 1
                guard let h = number(maxDigits: 2, minDigits: 2), h < 24 else { return nil }
                if i < count, bytes[i] == UInt8(ascii: ":") { i += 1 }
                let m = number(maxDigits: 2, minDigits: 2) ?? 0
                guard m < 60 else { return nil }
                offsetSeconds = sign * (h * 3600 + m * 60)
            }
        }
        guard i == count else { return nil }
        if let pm { hour = hour % 12 + (pm ? 12 : 0) }
        guard CivilDate.isValid(year: year, month: month, day: day) else { return nil }
        let days = Int64(CivilDate(year: year, month: month, day: day).daysSinceEpoch)
        return days * Timestamps.microsecondsPerDay + Int64(hour * 3600 + minute * 60 + second - offsetSeconds) * 1_000_000 + fraction
    }

    /// Days since the epoch of the (local, as written) calendar day.
    public func date(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        timestamp(bytes).map(Timestamps.day(ofMicroseconds:))
    }
}
