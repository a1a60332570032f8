#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses typed values out of raw UTF-8 bytes without building strings: the hot path of every
/// text source. Each function returns `nil` when the bytes are not a valid value.
public enum FieldParser {
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// A decimal integer with an optional sign; surrounding spaces are not allowed.
    public static func int(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        let count = bytes.count
        guard count > 0 else { return nil }
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        guard index < count else { return nil }
        var value: Int64 = 0
        while index < count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int64(digit)) : m.addingReportingOverflow(Int64(digit))
            guard !o1, !o2 else { return nil }
            value = s
            index += 1
        }
        return value
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// A floating-point number. Plain decimals with up to 15 significant digits take an exact
    /// fast path (mantissa / 10^k is correctly rounded there); anything else goes to `strtod`.
    public static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let count = bytes.count
        guard count > 0 else { return nil }
        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative || bytes[0] == UInt8(ascii: "+") { index = 1 }
        var mantissa: Int64 = 0
        var significantDigits = 0
        var anyDigit = false
        var fractionDigits = 0
        var sawDot = false
        while index < count {
            let byte = bytes[index]
            if isDigit(byte) {
                anyDigit = true
                mantissa = mantissa &* 10 &+ Int64(byte &- 0x30)
                if mantissa != 0 { significantDigits += 1 }
                if sawDot { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !sawDot {
                sawDot = true
            } else {
                break
            }
            index += 1
        }
        if index == count {
            guard anyDigit else { return nil }
            if significantDigits <= 15, fractionDigits <= 22 {
                let value = Double(mantissa) / powersOfTen[fractionDigits]
                return negative ? -value : value
            }
        }
        return slowDouble(bytes)
    }

    /// Decimal syntax only: `[+-]digits[.digits][e[+-]digits]` (or `.digits`); no hex, no
    /// spaces, no `inf`/`nan`, which `strtod` would take.
    private static func isDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        var digits = 0
        while index < count, isDigit(bytes[index]) { index += 1; digits += 1 }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, isDigit(bytes[index]) { index += 1; digits += 1 }
        }
        guard digits > 0 else { return false }
        if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            let start = index
            while index < count, isDigit(bytes[index]) { index += 1 }
            guard index > start else { return false }
        }
        return index == count
    }

    private static func slowDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard isDecimal(bytes) else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
            for i in 0..<bytes.count { buffer[i] = CChar(bitPattern: bytes[i]) }
            buffer[bytes.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            guard let end, end - buffer.baseAddress! == bytes.count else { return nil }
            guard value.isFinite else { return nil }
            return value
        }
    }

    /// `true`/`false`, `1`/`0`, `yes`/`no`, `t`/`f`, `y`/`n`, in any case.
    public static func bool(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var lowered = [UInt8]()
        lowered.reserveCapacity(bytes.count)
        for byte in bytes { lowered.append(byte | 0x20) }
        switch String(decoding: lowered, as: UTF8.self) {
        case "true", "1", "yes", "t", "y": return true
        case "false", "0", "no", "f", "n": return false
        default: return nil
        }
    }

    @inline(__always)
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ width: Int) -> Int? {
        guard start + width <= bytes.count else { return nil }
        var value = 0
        for i in start..<(start + width) {
            let digit = bytes[i] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// `YYYY-MM-DD` (or `YYYY/MM/DD`) as days since the epoch.
    public static func date(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard bytes.count == 10 else { return nil }
        return datePrefix(bytes)
    }

    @inline(__always)
    private static func datePrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard bytes.count >= 10,
              let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2)
        else { return nil }
        let separator = bytes[4]
        guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/"), bytes[7] == separator,
              CivilDate.isValid(year: year, month: month, day: day)
        else { return nil }
        return CivilDate(year: year, month: month, day: day).daysSinceEpoch
    }

    /// ISO 8601 timestamp: `YYYY-MM-DD[(T| )HH:MM[:SS[.ffffff]]][Z|±HH[:]MM]`, as microseconds
    /// since the epoch. A timestamp without a zone is read as if it were UTC.
    public static func timestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var naive = false
        return timestamp(bytes, naive: &naive)
    }

    /// ``timestamp(_:)`` that also tells whether the text had no zone (`naive`): its value is
    /// then the wall-clock time as if UTC, to be placed in a time zone by whoever knows it.
    public static func timestamp(_ bytes: UnsafeBufferPointer<UInt8>, naive: inout Bool) -> Int64? {
        guard let day = datePrefix(bytes) else { return nil }
        var micros = Int64(day) * Timestamps.microsecondsPerDay
        let count = bytes.count
        naive = true
        if count == 10 { return micros }
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              let hour = number(bytes, 11, 2), hour < 24, count >= 16, bytes[13] == UInt8(ascii: ":"),
              let minute = number(bytes, 14, 2), minute < 60
        else { return nil }
        var seconds = 0
        var fraction: Int64 = 0
        var index = 16
        if index < count, bytes[index] == UInt8(ascii: ":") {
            guard let s = number(bytes, 17, 2), s < 61 else { return nil }
            seconds = s
            index = 19
            if index < count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                index += 1
                var scale: Int64 = 100_000
                let start = index
                while index < count, isDigit(bytes[index]) {
                    fraction += Int64(bytes[index] &- 0x30) * scale
                    scale /= 10
                    index += 1
                }
                guard index > start else { return nil }
            }
        }
        micros += Int64(hour * 3600 + minute * 60 + seconds) * 1_000_000 + fraction
        guard index < count else { return micros }
        naive = false
        let zone = bytes[index]
        if zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z") {
            return index + 1 == count ? micros : nil
        }
        guard zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-"), let zh = number(bytes, index + 1, 2), zh < 24 else { return nil }
        var zm = 0
        if index + 3 == count {
            zm = 0
        } else if bytes[index + 3] == UInt8(ascii: ":"), index + 6 == count, let m = number(bytes, index + 4, 2), m < 60 {
            zm = m
        } else if index + 5 == count, let m = number(bytes, index + 3, 2), m < 60 {
            zm = m
        } else {
            return nil
        }
        let offset = Int64(zh * 3600 + zm * 60) * 1_000_000
        return zone == UInt8(ascii: "+") ? micros - offset : micros + offset
    }
}

extension FieldParser {
    /// Convenience for strings (tests, config values).
    public static func parse<T>(_ text: String, _ parse: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// An ISO 8601 timestamp as a ``Value``: `.timestamp` with a zone, `.naiveTimestamp` without.
    public static func timestampValue(_ text: String) -> Value? {
        var naive = false
        return parse(text) { timestamp($0, naive: &naive) }.map(naive ? Value.naiveTimestamp : Value.timestamp)
    }
}
