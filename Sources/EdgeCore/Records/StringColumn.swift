/// UTF-8 strings packed in one buffer with offsets, so that building and reading a column
/// allocates per batch, not per value.
public struct StringColumn: Sendable, Hashable {
    public private(set) var bytes: [UInt8]
    /// `offsets[i] ..< offsets[i + 1]` is the i-th value; `offsets.count == count + 1`.
    public private(set) var offsets: [Int32]

    public init(minimumCapacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(minimumCapacity * 8)
        offsets = [0]
        offsets.reserveCapacity(minimumCapacity + 1)
    }

    public init<S: Sequence>(_ values: S) where S.Element == String {
        self.init()
        for value in values { append(value) }
    }

    public var count: Int { offsets.count - 1 }

    public mutating func append(_ value: String) {
        var value = value
        value.withUTF8 { append(utf8: $0) }
    }

    public mutating func append(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: utf8)
        offsets.append(Int32(bytes.count))
    }

    public mutating func appendEmpty() {
        offsets.append(Int32(bytes.count))
    }

    public subscript(index: Int) -> String {
        let start = Int(offsets[index])
        let end = Int(offsets[index + 1])
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
        }
    }

    /// Calls `body` with the UTF-8 bytes of the value at `index`, without copying.
    public func withUTF8<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = Int(offsets[index])
        let end = Int(offsets[index + 1])
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }
}
