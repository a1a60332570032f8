import NLPPlugin
import RetailCatalog
import Testing
import TextAnalysis

/// The shipped word lists with the recogniser: ordinary words stay words, names stay names.
@Suite struct DefaultEnglishWordsTests {
    @Test func theShippedListsKnowCommonWordsAndNames() throws {
        let words = try DefaultEnglishWords.load()
        #expect(words.common.count > 30_000)
        #expect(words.common.isSubset(of: words.known))
        #expect(["target", "boot", "public", "apple"].allSatisfy(words.common.contains))
        #expect(["roger", "publican"].allSatisfy { words.known.contains($0) && !words.common.contains($0) })
        #expect(!words.common.contains("walmart") && !words.known.contains("publix"))
    }

    @Test func ordinaryTweetsAreNotShopsAndRealMentionsAre() throws {
        let recognizer = EntityRecognizer(catalog: Catalog(stores: [
            CatalogEntry(id: "publix", name: "Publix"), CatalogEntry(id: "kroger", name: "Kroger"),
            CatalogEntry(id: "boots", name: "Boots"), CatalogEntry(id: "target", name: "Target"),
            CatalogEntry(id: "apple", name: "Apple"),
        ]), words: try DefaultEnglishWords.load())
        let ordinary = [
            "@united the public deserves an answer on this delay",
            "Roger that, thanks for nothing. Rogers Centre tonight",
            "left my boot on the plane, who do I call?",
            "my boots are soaked, feet up, finally home",
            "we missed our target arrival by three hours",
            "an apple and a stale cookie is not a meal",
        ]
        for text in ordinary { #expect(recognizer.entities(in: text).isEmpty, "\(text)") }
        let real = [
            ("picked up sunscreen at Publix", "publix"), ("kroger has the best deals", "kroger"),
            ("new lipstick from #Boots", "boots"), ("the Target near me is closed", "target"),
            ("waiting in line at the apple store for an ipad", "apple"), ("Pubilx run before the game", "publix"),
        ]
        for (text, id) in real { #expect(recognizer.entities(in: text).map(\.id) == [id], "\(text)") }
    }

    @Test func generatedDemoTweetsStillScore() throws {
        var generator = TemplatedTweetGenerator(seed: 11)
        let tweets = generator.tweets(count: 2000)
        let recognizer = EntityRecognizer(catalog: .sampleRetail, words: try DefaultEnglishWords.load())
        var score = EntitySpanScore()
        for tweet in tweets { score.add(predicted: recognizer.entities(in: tweet.text), gold: tweet.entities) }
        #expect(score.precision >= 0.98)
        #expect(score.recall >= 0.9)
    }
}
