/// Maps UTF-8 byte strings to dense ids without building a `String` per lookup: an
/// open-addressing table over a byte arena, hashed with FNV-1a.
public struct ByteInterner: Sendable {
    private var arena: [UInt8] = []
    private var offsets: [Int32] = [0]
    private var hashes: [UInt64] = []
    /// Slot → id + 1 (0 is empty).
    private var slots = [Int32](repeating: 0, count: 64)
    private var cache: [String?] = []

    public init() {}

    public var count: Int { hashes.count }

    @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return h ^ (h >> 29)
    }

    public mutating func id(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let id = Int(entry - 1)
            if hashes[id] == h, equals(id, bytes) { return Int32(id) }
            slot = (slot + 1) & mask
        }
        let id = Int32(hashes.count)
        arena.append(contentsOf: bytes)
        offsets.append(Int32(arena.count))
        hashes.append(h)
        cache.append(nil)
        slots[slot] = id + 1
        if hashes.count * 2 > slots.count { grow() }
        return id
    }

    public mutating func id(_ string: String) -> Int32 {
        var string = string
        return string.withUTF8 { id($0) }
    }

    @inline(__always)
    private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(offsets[id]), end = Int(offsets[id + 1])
        guard end - start == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { arena in
            var i = 0
            while i < bytes.count {
                if arena[start + i] != bytes[i] { return false }
                i += 1
            }
            return true
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id + 1)
        }
    }

    /// The string with `id`, built once.
    public mutating func string(_ id: Int32) -> String {
        if let cached = cache[Int(id)] { return cached }
        let start = Int(offsets[Int(id)]), end = Int(offsets[Int(id) + 1])
        let string = String(decoding: arena[start..<end], as: UTF8.self)
        cache[Int(id)] = string
        return string
    }

    /// Every string, in id order.
    public mutating func allStrings() -> [String] {
        (0..<count).map { string(Int32($0)) }
    }
}
