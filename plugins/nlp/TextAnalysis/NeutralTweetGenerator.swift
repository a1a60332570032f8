import RetailCatalog

/// Generates informational retail tweets labelled neutral ("Photon Phone now at ValueMart <link>"),
/// to add to licensed training data whose neutral class is small and drawn from reviews.
public struct NeutralTweetGenerator: Sendable {
    public let catalog: Catalog
    private var random: SeededRandomNumberGenerator

    public init(catalog: Catalog = .sampleRetail, seed: UInt64 = 7) {
        self.catalog = catalog
        self.random = SeededRandomNumberGenerator(seed: seed)
    }

    static let templates: [String] = [
        "Checking out the new {P} at {S} {URL}",
        "{O} to launch {P} next month {URL}",
        "RT {USER}: {S} opens a pop-up shop downtown this weekend",
        "Is {S} open on Sunday?",
        "Anyone going to the {O} keynote tomorrow?",
        "{P} now available at {S} for ${PRICE}",
        "Live coverage of the {O} panel: {URL}",
        "Just installed the {P} app",
        "Heading to the {O} session at {HOUR}pm #{TAG}",
        "{O} announces {P} update, details here {URL}",
        "{USER} which {S} has the {P} in stock?",
        "Line forming outside {S} for the {P} release #{TAG}",
        "{O} and {S} sign distribution deal {URL}",
        "Where can I find the {P} charger?",
        "{S} weekly ad is out: {P}, {P} and more {URL}",
        "RT {USER} {O} to host a {P} demo at {S} on {DAY}",
        "Reading about the {P} specs {URL}",
        "Does {S} price match {S}?",
        "{P} vs {P} comparison {URL} #{TAG}",
        "Meeting at the {S} near {O} HQ at {HOUR}",
    ]

    /// `count` neutral examples.
    public mutating func examples(count: Int) -> [LabelledText] {
        (0..<count).map { _ in LabelledText(text: nextText(), label: "neutral") }
    }

    private static let placeholders = ["{P}", "{S}", "{O}", "{URL}", "{USER}", "{TAG}", "{PRICE}", "{HOUR}", "{DAY}"]

    private mutating func nextText() -> String {
        var text = pick(Self.templates)
        for placeholder in Self.placeholders {
            while let range = text.range(of: placeholder) {
                text.replaceSubrange(range, with: filler(for: placeholder))
            }
        }
        return text
    }

    private mutating func filler(for placeholder: String) -> String {
        switch placeholder {
        case "{P}": return pick(catalog.products).name
        case "{S}": return pick(catalog.stores).name
        case "{O}": return pick(catalog.organizations).name
        case "{URL}": return "http://t.co/" + String((0..<8).map { _ in pick(Array("abcdefghijkmnpqrstuvwxyz0123456789")) })
        case "{USER}": return "@" + pick(["retailnews", "dealwatch", "techdaily", "shopperjane", "citydesk"])
        case "{TAG}": return pick(["launch", "retail", "deals", "expo", "newproduct", "shopping"])
        case "{PRICE}": return String(Int.random(in: 9...999, using: &random))
        case "{HOUR}": return String(Int.random(in: 1...11, using: &random))
        default: return pick(["Monday", "Tuesday", "Friday", "Saturday"])
        }
    }

    private mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[Int.random(in: 0..<elements.count, using: &random)]
    }
}
