import EdgeCore
import Foundation
import RetailCatalog

/// Deterministic labelled retail tweets for the offline demo, as the Groq source would produce
/// them: about 35% positive, 35% neutral, 30% negative, each about a catalogue product at a
/// store, some with typos, hashtags and handles, spread over the demo's days.
struct DemoTweetGenerator {
    static let templates: [(label: String, texts: [String])] = [
        ("positive", [
            "Just picked up the {product} at {store} and I love it! #happy",
            "Great service at {store} today, the {product} works perfectly",
            "The {product} is amazing, best purchase this year. Thanks @{storeHandle}!",
            "So happy with my new {product}, totally worth it",
        ]),
        ("neutral", [
            "Picked up a {product} at {store} this afternoon",
            "Does {store} still have the {product} in stock?",
            "Comparing the {product} with other options before buying",
            "{store} opens at 9 tomorrow, going to look at the {product}",
        ]),
        ("negative", [
            "The {product} from {store} broke after two days. Really disappointed",
            "Terrible experience at {store}, nobody could help me with the {product}",
            "Worst purchase ever, the {product} stopped working. Want a refund #fail",
            "Waited an hour at {store} and the {product} was out of stock again",
        ]),
    ]

    let catalog: Catalog
    var random: SplitMix64

    init(catalog: Catalog, seed: UInt64) {
        self.catalog = catalog
        self.random = SplitMix64(seed: seed ^ 0x7477_6565_7473)
    }

    /// `count` tweets between `firstDay` and `firstDay + days - 1`, as `tweet` JSON lines.
    mutating func lines(count: Int, firstDay: Int32, days: Int) -> [String] {
        guard !catalog.products.isEmpty, !catalog.stores.isEmpty else { return [] }
        var lines: [String] = []
        for index in 0..<count {
            let draw = random.nextDouble()
            let group = draw < 0.35 ? 0 : draw < 0.70 ? 1 : 2
            let texts = Self.templates[group].texts
            let product = catalog.products[Int(random.next() % UInt64(catalog.products.count))]
            let store = catalog.stores[Int(random.next() % UInt64(catalog.stores.count))]
            var productName = (product.aliases + [product.name])[Int(random.next() % UInt64(product.aliases.count + 1))]
            if random.nextDouble() < 0.2 { productName = Self.swapTwoLetters(productName, &random) }
            let text = texts[Int(random.next() % UInt64(texts.count))]
                .replacingOccurrences(of: "{product}", with: productName)
                .replacingOccurrences(of: "{storeHandle}", with: store.name.replacingOccurrences(of: " ", with: ""))
                .replacingOccurrences(of: "{store}", with: store.name)
            let seconds = (Int64(firstDay) + Int64(random.next() % UInt64(max(days, 1)))) * 86_400 + Int64(random.next() % 86_400)
            let object: [String: Any] = [
                "tweet_id": String(format: "demo-%06d", index + 1), "created_at": Timestamps.format(microseconds: seconds * 1_000_000),
                "text": text, "intended_sentiment": Self.templates[group].label, "product_id": product.id, "store_id": store.id,
                "model": "demo-templates",
            ]
            if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
                lines.append(String(decoding: data, as: UTF8.self))
            }
        }
        return lines
    }

    /// The name with two adjacent letters of one longer word swapped (a typical typo).
    static func swapTwoLetters(_ name: String, _ random: inout SplitMix64) -> String {
        var words = name.split(separator: " ").map { Array($0) }
        guard let index = words.indices.filter({ words[$0].count >= 5 }).randomElement(using: &random) else { return name }
        let position = 1 + Int(random.next() % UInt64(words[index].count - 2))
        words[index].swapAt(position, position + 1)
        return words.map { String($0) }.joined(separator: " ")
    }
}
