import RetailCatalog

extension Catalog {
    /// Every entry with its entity type, in priority order: products win over stores and stores
    /// over organisations when the same name appears under several kinds.
    var typedEntries: [(type: EntityType, entry: CatalogEntry)] {
        products.map { (EntityType.product, $0) }
            + stores.map { (EntityType.store, $0) }
            + organizations.map { (EntityType.organization, $0) }
    }
}
