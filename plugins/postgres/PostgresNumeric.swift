/// PostgreSQL's binary `numeric`: base-10000 digit groups with a weight, a sign and a display
/// scale, written from a decimal text (what `numeric`'s text input would read).
enum PostgresNumeric {
    /// Appends the binary value of `text` (`-12.5`, `1e-05`, `42`, `nan`, `inf`, `-inf`).
    static func append(decimal text: String, to out: inout [UInt8]) {
        switch text {
        case "nan": return header(digits: 0, weight: 0, sign: 0xC000, scale: 0, to: &out)
        case "inf": return header(digits: 0, weight: 0, sign: 0xD000, scale: 0, to: &out)
        case "-inf": return header(digits: 0, weight: 0, sign: 0xF000, scale: 0, to: &out)
        default: break
        }
        var negative = false, digits: [UInt8] = [], point: Int?, exponent = 0
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() }
        while let byte = bytes.first {
            bytes = bytes.dropFirst()
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "."): point = digits.count
            case UInt8(ascii: "e"), UInt8(ascii: "E"): exponent = Int(String(decoding: bytes, as: UTF8.self)) ?? 0; bytes = bytes.dropFirst(bytes.count)
            default: break
            }
        }
        // value = 0.digits × 10^before: `before` digits stand before the decimal point.
        var before = (point ?? digits.count) + exponent
        while let first = digits.first, first == 0 { digits.removeFirst(); before -= 1 }
        while let last = digits.last, last == 0 { digits.removeLast() }
        let scale = max(0, digits.count - before)
        guard !digits.isEmpty else { return header(digits: 0, weight: 0, sign: 0, scale: scale, to: &out) }
        // Pad on the left so that the point falls on a group boundary, on the right to whole groups.
        let lead = ((4 - before % 4) % 4 + 4) % 4
        digits.insert(contentsOf: repeatElement(0, count: lead), at: 0)
        while digits.count % 4 != 0 { digits.append(0) }
        let groups = stride(from: 0, to: digits.count, by: 4).map { index in
            digits[index..<index + 4].reduce(0) { $0 * 10 + Int($1) }
        }
        let weight = (before + lead) / 4 - 1
        header(digits: groups.count, weight: weight, sign: negative ? 0x4000 : 0, scale: scale, to: &out)
        for group in groups { BinaryCopyEncoder.append(UInt16(group), to: &out) }
    }

    private static func header(digits: Int, weight: Int, sign: UInt16, scale: Int, to out: inout [UInt8]) {
        BinaryCopyEncoder.append(Int32(8 + 2 * digits), to: &out)
        BinaryCopyEncoder.append(UInt16(digits), to: &out)
        BinaryCopyEncoder.append(UInt16(bitPattern: Int16(weight)), to: &out)
        BinaryCopyEncoder.append(sign, to: &out)
        BinaryCopyEncoder.append(UInt16(scale), to: &out)
    }
}
