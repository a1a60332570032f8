import Foundation

/// The products, stores and organisations a site knows: names for the warehouse's dimensions,
/// and what entity recognition links mentions to. Read from YAML by `Catalog.load(path:)` (in
/// RetailWarehouse); built in code by tests and the text-analysis library.
///
/// When the same name appears under several kinds, products win over stores and stores over
/// organisations.
public struct Catalog: Sendable, Hashable {
    public var products: [CatalogEntry]
    public var stores: [CatalogEntry]
    public var organizations: [CatalogEntry]
    /// The zones of stores whose entry has a `timezone:` (checked against the tz database).
    public var storeTimeZones: [String: TimeZone] = [:]

    public init(products: [CatalogEntry] = [], stores: [CatalogEntry] = [], organizations: [CatalogEntry] = []) {
        self.products = products
        self.stores = stores
        self.organizations = organizations
    }
}
