/// A day, store and product, the store and product as interned ids.
struct SalesKey: Hashable, Comparable {
    var day: Int32
    var store: Int32
    var product: Int32

    func hash(into hasher: inout Hasher) {
        hasher.combine(UInt64(UInt32(bitPattern: day)) << 32 | UInt64(UInt32(bitPattern: store)))
        hasher.combine(product)
    }

    static func < (a: SalesKey, b: SalesKey) -> Bool {
        (a.day, a.store, a.product) < (b.day, b.store, b.product)
    }
}
