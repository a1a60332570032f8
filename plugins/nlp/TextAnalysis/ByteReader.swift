import Foundation

/// Reads little-endian values from the front of a byte buffer, failing on truncation.
struct ByteReader {
    let data: Data
    var offset = 0

    var isAtEnd: Bool { offset == data.count }

    mutating func bytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, offset + count <= data.count else { throw SentimentError(.malformedModelFile, "truncated file") }
        defer { offset += count }
        return Array(data[(data.startIndex + offset)..<(data.startIndex + offset + count)])
    }

    mutating func integer<Value: FixedWidthInteger>() throws -> Value {
        try integers(1)[0]
    }

    mutating func integers<Value: FixedWidthInteger>(_ count: Int) throws -> [Value] {
        let size = MemoryLayout<Value>.size * count
        guard count >= 0, offset + size <= data.count else { throw SentimentError(.malformedModelFile, "truncated file") }
        var values = [Value](repeating: 0, count: count)
        values.withUnsafeMutableBytes { target in
            data.copyBytes(to: target.bindMemory(to: UInt8.self), from: (data.startIndex + offset)..<(data.startIndex + offset + size))
        }
        offset += size
        return values.map { Value(littleEndian: $0) }
    }
}
