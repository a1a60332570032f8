import EdgeCore
import Foundation

/// The typed-value parsers a column spec applies: the first line is a column spec
/// (`timestamp:%d/%m/%Y %H:%M`, `int?`, …), each further line a value for it. Plain decimals are
/// checked against the standard library's parsers.
enum FieldFuzz {
    static let target = FuzzTarget(name: "fields") { input in
        let lines = input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard let first = lines.first else { return }
        let spec = ColumnSpec.parse(name: "c", spec: String(decoding: first, as: UTF8.self))
        let format = DateTimeFormat(String(decoding: first, as: UTF8.self))
        for line in lines.dropFirst() {
            let text = String(decoding: line, as: UTF8.self)
            if let spec {
                _ = spec.value(text: text)
                for typing in [JSONRowDecoder.Typing.lenient, .strict] {
                    let decoder = JSONRowDecoder(columns: [spec], typing: typing)
                    _ = decoder.value(.string(text), as: spec)
                    _ = decoder.value(.integer(Int64(line.count)), as: spec)
                }
            }
            Array(line).withUnsafeBufferPointer { bytes in
                if let format {
                    _ = format.timestamp(bytes)
                    _ = format.date(bytes)
                }
                let int = FieldParser.int(bytes)
                let double = FieldParser.double(bytes)
                _ = FieldParser.bool(bytes)
                _ = FieldParser.date(bytes)
                var naive = false
                _ = FieldParser.timestamp(bytes, naive: &naive)
                if isPlainInteger(line) { precondition(int == Int64(text), "int(\(text)) = \(String(describing: int)), expected \(String(describing: Int64(text)))") }
                // Beyond Double's range the standard library says infinity; the parser refuses it.
                if isPlainDecimal(line), let expected = Double(text) {
                    precondition(double == (expected.isFinite ? expected : nil), "double(\(text)) = \(String(describing: double)), expected \(expected)")
                }
            }
            _ = FieldParser.timestampValue(text)
        }
    }

    /// `-?[0-9]+`
    static func isPlainInteger(_ bytes: ArraySlice<UInt8>) -> Bool {
        let digits = bytes.first == UInt8(ascii: "-") ? bytes.dropFirst() : bytes
        return !digits.isEmpty && digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// `-?[0-9]+(\.[0-9]+)?`
    static func isPlainDecimal(_ bytes: ArraySlice<UInt8>) -> Bool {
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        guard isPlainInteger(parts[0]) else { return false }
        return parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy { $0 >= 0x30 && $0 <= 0x39 })
    }
}
