/// One product, store or organisation of a ``Catalog``: its id (what recognised entities and
/// dimension rows link to), display name, the other names people use for it, and free
/// attributes (`category`, `brand`, `unit_price`, `city`, `region`, …).
public struct CatalogEntry: Sendable, Hashable {
    public var id: String
    public var name: String
    public var aliases: [String]
    public var attributes: [String: String]
    /// Whether a mention of a name needs evidence before it links (`true`: always, as for a store
    /// called "Target"; `false`: never); `nil` lets the recogniser decide from its word lists.
    public var ambiguous: Bool?

    public init(id: String, name: String, aliases: [String] = [], attributes: [String: String] = [:], ambiguous: Bool? = nil) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.attributes = attributes
        self.ambiguous = ambiguous
    }
}
