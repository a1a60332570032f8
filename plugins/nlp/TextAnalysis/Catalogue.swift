/// The products, stores and organisations that entity recognition links mentions to.
///
/// When the same name appears under several kinds, products win over stores and stores over organisations.
public struct Catalogue: Sendable, Hashable, Codable {
    public var products: [CatalogueEntry]
    public var stores: [CatalogueEntry]
    public var organizations: [CatalogueEntry]

    public init(products: [CatalogueEntry] = [], stores: [CatalogueEntry] = [], organizations: [CatalogueEntry] = []) {
        self.products = products
        self.stores = stores
        self.organizations = organizations
    }

    /// Every entry with its entity type, in priority order.
    var typedEntries: [(type: EntityType, entry: CatalogueEntry)] {
        products.map { (EntityType.product, $0) }
            + stores.map { (EntityType.store, $0) }
            + organizations.map { (EntityType.organization, $0) }
    }
}
