import EdgeCore
import RetailCatalog

extension StageBuildContext {
    /// The catalogue named by the stage's `catalog` option; nil when it is not set.
    public func catalog() throws -> Catalog? {
        guard let path = options.string("catalog") else { return nil }
        do {
            return try Catalog.load(path: path)
        } catch {
            throw StageBuildError(option: "catalog", "\(error)")
        }
    }

    /// The zones in which this stage makes local days: its `timezone` option for every store,
    /// else each store's catalogue zone (`catalog` option), else the site's.
    public func storeTimeZones() throws -> StoreTimeZones {
        StoreTimeZones(stage: try stageTimeZone(), catalog: try catalog(), site: siteTimeZone)
    }
}
