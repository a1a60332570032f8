/// A catalogue mention found in a text.
///
/// Offsets count Unicode code points (scalars) from the start of the text; `end` is exclusive.
/// A hashtag or handle sigil is part of the span; a possessive `'s` is not.
public struct Entity: Sendable, Hashable, Codable {
    public var start: Int
    public var end: Int
    public var type: EntityType
    /// Identifier of the linked catalogue entry.
    public var id: String
    /// The mention exactly as written in the text.
    public var text: String

    public init(start: Int, end: Int, type: EntityType, id: String, text: String) {
        self.start = start
        self.end = end
        self.type = type
        self.id = id
        self.text = text
    }
}
