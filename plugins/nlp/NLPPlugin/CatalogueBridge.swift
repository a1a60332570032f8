import EdgeCore
import TextAnalysis

/// The site catalogue (EdgeCore's ``Catalog``) as entity recognition's ``Catalogue``.
public enum CatalogueBridge {
    public static func catalogue(_ catalog: Catalog) -> Catalogue {
        let entries = { (list: [CatalogEntry]) in list.map { CatalogueEntry(id: $0.id, name: $0.name, aliases: $0.aliases) } }
        return Catalogue(products: entries(catalog.products), stores: entries(catalog.stores), organizations: entries(catalog.organizations))
    }
}
