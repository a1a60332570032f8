/// Totals by ``SalesKey``: an open-addressing hash table (multiply-shift hashing, linear
/// probing) over dense arrays, so that lookups cost a few instructions and the dirty list can
/// hold plain indices.
struct SalesTable {
    private(set) var keys: [SalesKey] = []
    var totals: [SalesTotals] = []
    /// Bit `i % 64` of word `i / 64`: entry `i` changed since it was last emitted (a bit, not a
    /// field of ``SalesTotals``, which would grow it from 24 to 32 bytes).
    private var dirtyBits: [UInt64] = []
    /// Slot → entry index + 1 (0 is empty).
    private var slots = [Int32](repeating: 0, count: 1024)
    private var shift = 64 - 10

    var count: Int { keys.count }

    @inline(__always)
    private func slot(for key: SalesKey) -> Int {
        let mixed = (UInt64(UInt32(bitPattern: key.day)) &* 0x9E37_79B9_7F4A_7C15)
            ^ (UInt64(UInt32(bitPattern: key.store)) &* 0xC2B2_AE3D_27D4_EB4F)
            ^ (UInt64(UInt32(bitPattern: key.product)) &* 0x1656_67B1_9E37_79F9)
        return Int(truncatingIfNeeded: (mixed ^ (mixed >> 31)) >> UInt64(shift))
    }

    /// The index of `key`'s entry, created with zero totals when new.
    @inline(__always)
    mutating func index(of key: SalesKey) -> Int {
        let mask = slots.count - 1
        var slot = self.slot(for: key)
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if keys[Int(entry - 1)] == key { return Int(entry - 1) }
            slot = (slot + 1) & mask
        }
        let index = keys.count
        if index % 64 == 0 { dirtyBits.append(0) }
        keys.append(key)
        totals.append(SalesTotals())
        slots[slot] = Int32(index + 1)
        if keys.count * 2 > slots.count { grow() }
        return index
    }

    mutating func reserve(_ capacity: Int) {
        keys.reserveCapacity(capacity)
        totals.reserveCapacity(capacity)
        dirtyBits.reserveCapacity((capacity + 63) / 64)
        while slots.count < capacity * 2 { grow() }
    }

    func isDirty(_ index: Int) -> Bool { dirtyBits[index >> 6] & (1 << UInt64(index & 63)) != 0 }

    /// Marks entry `index` changed; true when it was not already.
    @inline(__always)
    mutating func markDirty(_ index: Int) -> Bool {
        let bit: UInt64 = 1 << UInt64(index & 63)
        guard dirtyBits[index >> 6] & bit == 0 else { return false }
        dirtyBits[index >> 6] |= bit
        return true
    }

    mutating func markClean(_ index: Int) { dirtyBits[index >> 6] &= ~(1 << UInt64(index & 63)) }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for (index, key) in keys.enumerated() {
            var slot = self.slot(for: key)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }
}
