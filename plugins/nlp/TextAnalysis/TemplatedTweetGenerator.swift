import RetailCatalog

/// Generates retail tweets from templates, with the catalogue mentions they contain as gold entities.
///
/// Mentions appear as written in the catalogue, lower-cased, as hashtags, handles, hyphenated or run
/// together, by alias, in plural or possessive form and followed by model numbers. A share of mentions
/// (`typoRate`) gets a typo: two adjacent letters swapped in one word of five letters or more.
public struct TemplatedTweetGenerator: Sendable {
    public let catalog: Catalog
    public let typoRate: Double
    /// Mentions generated so far.
    public private(set) var mentionCount = 0
    /// Mentions generated so far that carry a typo.
    public private(set) var typoCount = 0
    private var random: SeededRandomNumberGenerator

    public init(catalog: Catalog = .sampleRetail, typoRate: Double = 0.5, seed: UInt64 = 2025) {
        self.catalog = catalog
        self.typoRate = typoRate
        self.random = SeededRandomNumberGenerator(seed: seed)
    }

    /// Model numbers that may follow a product name, as in "Photon Phone 12".
    static let modelNumbersByProductID: [String: [String]] = [
        "photon-phone": ["12", "13", "14 Pro"],
        "kestrel-laptop": ["X200", "X310", "K15"],
        "falcon-drone": ["Z9", "Mini2"],
        "vertex-console": ["5", "S2"],
        "nova-reader": ["3", "4"],
        "aurora-router": ["AX6", "AX11"],
        "nimbus-tablet": ["10", "11"],
    ]

    static let templates: [String] = [
        "Just picked up the {P} at {S} and I love it",
        "Anyone seen the {P} in stock at {S}? #deals",
        "{O} just announced a recall of the {P}",
        "{S} has the {P} on sale this weekend!!",
        "Worst customer service ever at {S} today",
        "Is the {P} worth it or should I wait for the next one?",
        "My {P} broke after two weeks, thanks a lot {O}",
        "Reports say {O} is in talks to buy {S}",
        "Price check: {P} is cheaper at {S} than at {S2}",
        "Long line at {S} for the new {P} release this morning",
        "Returned my {P} to {S}, no questions asked. great experience",
        "Shoutout to the staff at {S} for helping me find a {P}",
        "{O} shares are up after strong {P} sales",
        "Can't decide between the {P} and the {P2}... help",
        "who else is waiting for the {P} restock at {S}?",
        "Love my new {P} so much 😍",
        "{S} closed early again, so annoying",
        "Heading to {S} to grab some snacks before the game",
        "Report: {O} will partner with {O2} on same-day delivery",
        "{P} vs {P2}: which one should I get?",
        "The {P} I ordered from {S} arrived damaged. not happy",
        "Nothing beats a Saturday morning trip to {S}",
        "{O} CEO says the {P} is their best seller this year",
        "Got two {Ps} for the kids at {S}",
        "{S}'s return policy is the best in town",
        "Honestly the {P} from {O} is overrated",
        "{O}'s new ad for the {P} is everywhere lol",
        "Why is {S} always out of {Ps}?",
        "Comparing prices for the {P} online vs {S}",
        "New {S} opening next to my office, hope they stock the {P}",
    ]

    /// The next tweet.
    public mutating func next() -> GeneratedTweet {
        let template = Self.templates[Int.random(in: 0..<Self.templates.count, using: &random)]
        var text = ""
        var offset = 0
        var entities: [Entity] = []
        var chosenIDs: Set<String> = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let literal = rest[..<open]
            text += literal
            offset += literal.unicodeScalars.count
            let slot = rest[rest.index(after: open)..<close]
            let entity = mention(forSlot: slot, at: offset, excluding: chosenIDs)
            chosenIDs.insert(entity.id)
            text += entity.text
            offset += entity.text.unicodeScalars.count
            entities.append(entity)
            rest = rest[rest.index(after: close)...]
        }
        text += rest
        return GeneratedTweet(text: text, entities: entities)
    }

    /// `count` tweets.
    public mutating func tweets(count: Int) -> [GeneratedTweet] {
        (0..<count).map { _ in next() }
    }

    private mutating func mention(forSlot slot: Substring, at offset: Int, excluding chosenIDs: Set<String>) -> Entity {
        let type: EntityType
        let entries: [CatalogEntry]
        switch slot.first {
        case "P": (type, entries) = (.product, catalog.products)
        case "S": (type, entries) = (.store, catalog.stores)
        default: (type, entries) = (.organization, catalog.organizations)
        }
        let isPlural = slot.hasSuffix("s")
        var entry = entries[Int.random(in: 0..<entries.count, using: &random)]
        while chosenIDs.contains(entry.id) {
            entry = entries[Int.random(in: 0..<entries.count, using: &random)]
        }
        let name = !entry.aliases.isEmpty && randomUnit() < 0.2
            ? entry.aliases[Int.random(in: 0..<entry.aliases.count, using: &random)]
            : entry.name
        var surface = styled(name, allowSigil: !isPlural)
        mentionCount += 1
        if randomUnit() < typoRate, let withTypo = swappingAdjacentLetters(in: surface) {
            surface = withTypo
            typoCount += 1
        }
        if type == .product, !isPlural, !surface.hasPrefix("#"), !surface.hasPrefix("@"),
            let models = Self.modelNumbersByProductID[entry.id], randomUnit() < 0.4 {
            surface += " " + models[Int.random(in: 0..<models.count, using: &random)]
        }
        if isPlural, !surface.lowercased().hasSuffix("s") { surface += "s" }
        return Entity(start: offset, end: offset + surface.unicodeScalars.count, type: type, id: entry.id, text: surface)
    }

    private mutating func styled(_ name: String, allowSigil: Bool) -> String {
        let words = name.split(separator: " ")
        let style = randomUnit()
        switch style {
        case ..<0.45: return name
        case ..<0.60: return name.lowercased()
        case ..<0.70 where allowSigil: return "#" + words.joined()
        case ..<0.78 where allowSigil: return "@" + words.joined().lowercased()
        case ..<0.86 where words.count > 1: return words.joined(separator: "-")
        case ..<0.93: return words.joined()
        default: return name.uppercased()
        }
    }

    /// Swaps two different adjacent letters inside a random word of five letters or more.
    private mutating func swappingAdjacentLetters(in surface: String) -> String? {
        var characters = Array(surface)
        var words: [Range<Int>] = []
        var start: Int?
        for index in 0...characters.count {
            let isLetter = index < characters.count && characters[index].isLetter
            if isLetter, start == nil { start = index }
            if !isLetter, let wordStart = start {
                if index - wordStart >= 5 { words.append(wordStart..<index) }
                start = nil
            }
        }
        guard !words.isEmpty else { return nil }
        let word = words[Int.random(in: 0..<words.count, using: &random)]
        let positions = word.dropLast().filter { characters[$0].lowercased() != characters[$0 + 1].lowercased() }
        guard let position = positions.randomElement(using: &random) else { return nil }
        characters.swapAt(position, position + 1)
        return String(characters)
    }

    private mutating func randomUnit() -> Double {
        Double.random(in: 0..<1, using: &random)
    }
}
