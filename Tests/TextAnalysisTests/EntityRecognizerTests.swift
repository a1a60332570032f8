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
    /// A few words from the shipped lists' kinds: common ones and a name.
    static let words = EnglishWords(commonList: "best\nbuy\nphone\nthink\nthe\nboot\nboots\ntarget\npublic\nwalnut\nstore\n", moreList: "roger\nrogers\npublican\n")
    let recognizer = EntityRecognizer(catalog: Self.catalog, words: Self.words)

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
        #expect(mentions("got the #iPhone15 and an iphone4s") == ["#iPhone15|PRODUCT|iphone-15", "iphone4s|PRODUCT|iphone"])
        #expect(mentions("ThinkPad2000x and 2iphone") == [], "more than two letters after the number, or digits first")
    }

    @Test func toleratesTyposButNotCommonWords() {
        #expect(mentions("Samsnug phones") == ["Samsnug|ORG|samsung"])
        #expect(mentions("at Wlamart today") == ["Wlamart|STORE|walmart"])
        #expect(mentions("the PlayStaiton is great") == ["PlayStaiton|PRODUCT|playstation"])
        #expect(mentions("Walnut cake") == [])
    }

    /// Ordinary words are not stores: a known word is never typo-corrected into a name, and a
    /// name spelled with common words needs evidence.
    @Test func ordinaryWordsAreNotNames() {
        let recognizer = EntityRecognizer(catalog: Catalog(stores: [
            CatalogEntry(id: "publix", name: "Publix"), CatalogEntry(id: "kroger", name: "Kroger"),
            CatalogEntry(id: "boots", name: "Boots"), CatalogEntry(id: "bestbuy", name: "Best Buy"),
            CatalogEntry(id: "walmart", name: "Walmart"),
        ]), words: Self.words)
        func mentions(_ text: String) -> [String] { recognizer.entities(in: text).map { "\($0.text)|\($0.id)" } }
        #expect(mentions("the public deserves better, Roger and the Rogers agree") == [])
        #expect(mentions("Publican, Pubilx and Krogre") == ["Pubilx|publix", "Krogre|kroger"])
        #expect(mentions("I think the best buy is this one") == [])
        #expect(mentions("my boot broke and my boots leak") == [])
    }

    /// Evidence that a common word is the name: a hashtag or handle, a capital first letter, a
    /// retail word nearby, or another mention that needs none.
    @Test func commonWordNamesLinkWithEvidence() {
        let recognizer = EntityRecognizer(catalog: Catalog(stores: [
            CatalogEntry(id: "boots", name: "Boots"), CatalogEntry(id: "bestbuy", name: "Best Buy"),
            CatalogEntry(id: "walmart", name: "Walmart"), CatalogEntry(id: "target", name: "Target", ambiguous: false),
        ]), words: Self.words)
        func mentions(_ text: String) -> [String] { recognizer.entities(in: text).map { "\($0.text)|\($0.id)" } }
        #expect(mentions("love #boots and @bestbuy") == ["#boots|boots", "@bestbuy|bestbuy"])
        #expect(mentions("went to Boots after work, then Best Buy") == ["Boots|boots", "Best Buy|bestbuy"])
        #expect(mentions("the boots store on main street") == ["boots|boots"])
        #expect(mentions("bought it at best buy") == ["best buy|bestbuy"])
        #expect(mentions("walmart was cheaper than boots") == ["walmart|walmart", "boots|boots"])
        #expect(mentions("on target today") == ["target|target"], "ambiguous: false links without evidence")
        let strict = EntityRecognizer(catalog: Catalog(stores: [CatalogEntry(id: "kroger", name: "Kroger", ambiguous: true)]), words: .none)
        #expect(strict.entities(in: "kroger again").isEmpty)
        #expect(strict.entities(in: "#kroger again").map(\.id) == ["kroger"])
    }

    @Test func reportsCodePointOffsets() {
        let entities = recognizer.entities(in: "😀 é #BestBuy")
        #expect(entities.map(\.start) == [4])
        #expect(entities.map(\.end) == [12])
    }

    @Test func scoresGeneratedTweetsAboveBar() {
        var generator = TemplatedTweetGenerator(seed: 11)
        let tweets = generator.tweets(count: 2000)
        let recognizer = EntityRecognizer(catalog: .sampleRetail, words: Self.words)
        var score = EntitySpanScore()
        for tweet in tweets { score.add(predicted: recognizer.entities(in: tweet.text), gold: tweet.entities) }
        #expect(score.f1 >= 0.9)
        #expect(Double(generator.typoCount) / Double(generator.mentionCount) > 0.4)
    }
}
