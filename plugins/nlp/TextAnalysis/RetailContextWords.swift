/// Words that, near a name spelled like a common word, say it is the shop or brand that is meant:
/// "bought boots at Boots" links, "my boot broke" does not. Keys as the recogniser forms them
/// (lower case, singular).
enum RetailContextWords {
    static let keys: Set<String> = [
        "store", "shop", "shopping", "shopper", "mall", "outlet", "aisle", "checkout", "cashier",
        "buy", "buying", "bought", "purchase", "purchased", "order", "ordered", "sell", "selling", "sold",
        "sale", "deal", "price", "coupon", "discount", "refund", "customer", "delivery", "delivered",
        "brand", "product", "app", "launch", "launched", "release", "released", "stock", "restock",
    ]

    /// How many tokens on either side of a name are searched.
    static let reach = 3
}
