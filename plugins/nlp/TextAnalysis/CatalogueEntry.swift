/// One named thing in the retail catalogue: a product, a store or an organisation.
public struct CatalogueEntry: Sendable, Hashable, Codable {
    /// Stable identifier that recognised entities link to.
    public var id: String
    /// Canonical display name, e.g. "Best Buy".
    public var name: String
    /// Other names the entry goes by, e.g. "BBY".
    public var aliases: [String]

    public init(id: String, name: String, aliases: [String] = []) {
        self.id = id
        self.name = name
        self.aliases = aliases
    }
}
