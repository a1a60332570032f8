import RetailCatalog
import Testing
@testable import TextAnalysis

@Suite struct EntityRecognizerTests {
    static let catalog = Catalog(
        products: [
            CatalogEntry(id: "iphone", name: "iPhone"),
            CatalogEntry(id: "iphone-15", name: "iPhone 15"),
            CatalogEntry(id: "thinkpad", name: "ThinkPad"),
            CatalogEntry(id: "playstation", name: "PlayStation"),
        ],
        stores: [
            CatalogEntry(id: "bestbuy", name: "Best Buy", aliases: ["BBY"]),
            CatalogEntry(id: "walmart", name: "Walmart"),
            CatalogEntry(id: "lowes", name: "Lowe's"),
        ],
        organizations: [CatalogEntry(id: "samsung", name: "Samsung Electronics", aliases: ["Samsung"])]
    )
    let recognizer = EntityRecognizer(catalog: Self.catalog)

    func mentions(_ text: String) -> [String] {
        recognizer.entities(in: text).map { "\($0.text)|\($0.type.rawValue)|\($0.id)" }
    }

    /// A word far longer than any catalogue name cannot be a typo of one: it is refused before
    /// its two-deletion neighbourhood (cubic in its length) is built. A 200,000-letter word took
    /// hours before; the mentions around it are still found.
    @Test(.timeLimit(.minutes(1))) func aHugeWordCostsLinearTimeAndHidesNothingAroundIt() {
        let word = String(repeating: "abcdefghij", count: 20_000)
        #expect(mentions("at Walmart \(word) with #BestBuy") == ["Walmart|STORE|walmart", "#BestBuy|STORE|bestbuy"])
        #expect(mentions(String(repeating: "walmartt ", count: 20_000)).count == 20_000)
    }

    @Test func matchesSurfaceVariants() {
        #expect(mentions("Love #BestBuy and @bestbuy") == ["#BestBuy|STORE|bestbuy", "@bestbuy|STORE|bestbuy"])
        #expect(mentions("Best-Buy or bestbuy or BEST BUY") == ["Best-Buy|STORE|bestbuy", "bestbuy|STORE|bestbuy", "BEST BUY|STORE|bestbuy"])
        #expect(mentions("Walmart's prices and two Walmarts") == ["Walmart|STORE|walmart", "Walmarts|STORE|walmart"])
        #expect(mentions("went to Lowes") == ["Lowes|STORE|lowes"])
        #expect(mentions("Play Station or play-station") == ["Play Station|PRODUCT|playstation", "play-station|PRODUCT|playstation"])
    }

    @Test func prefersLongerCatalogueNameThenExtendsOverModelNumbers() {
        #expect(mentions("my iPhone 15 died") == ["iPhone 15|PRODUCT|iphone-15"])
        #expect(mentions("my iPhone 12 Pro died") == ["iPhone 12 Pro|PRODUCT|iphone"])
        #expect(mentions("ThinkPad X200 for $300") == ["ThinkPad X200|PRODUCT|thinkpad"])
        #expect(mentions("iPhone for $999") == ["iPhone|PRODUCT|iphone"])
    }

    @Test func toleratesTyposButNotCommonWords() {
        #expect(mentions("Samsnug phones") == ["Samsnug|ORG|samsung"])
        #expect(mentions("at Wlamart today") == ["Wlamart|STORE|walmart"])
        #expect(mentions("the PlayStaiton is great") == ["PlayStaiton|PRODUCT|playstation"])
        #expect(mentions("I think the best buy is this one").count == 1)
        #expect(mentions("Walnut cake") == [])
    }

    @Test func reportsCodePointOffsets() {
        let entities = recognizer.entities(in: "😀 é #BestBuy")
        #expect(entities.map(\.start) == [4])
        #expect(entities.map(\.end) == [12])
    }

    @Test func scoresGeneratedTweetsAboveBar() {
        var generator = TemplatedTweetGenerator(seed: 11)
        let tweets = generator.tweets(count: 2000)
        let recognizer = EntityRecognizer(catalog: .sampleRetail)
        var score = EntitySpanScore()
        for tweet in tweets { score.add(predicted: recognizer.entities(in: tweet.text), gold: tweet.entities) }
        #expect(score.f1 >= 0.9)
        #expect(Double(generator.typoCount) / Double(generator.mentionCount) > 0.4)
    }
}
