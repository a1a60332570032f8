/// A synthetic tweet with the catalogue mentions it contains.
public struct GeneratedTweet: Sendable, Hashable, Codable {
    public var text: String
    public var entities: [Entity]

    public init(text: String, entities: [Entity]) {
        self.text = text
        self.entities = entities
    }
}
