import EdgeCore
import Foundation
import RetailCatalog

/// Which time zone a store's local days are in. Precedence: the stage's `timezone` option, the
/// store's catalogue entry (`timezone:`), the site's zone (the config's `timezone:`, else the
/// system's).
public struct StoreTimeZones: Sendable {
    /// The stage's own zone, which overrides every store's.
    public let stage: TimeZone?
    /// Catalogue zones by store id.
    public let stores: [String: TimeZone]
    public let site: TimeZone

    public init(stage: TimeZone? = nil, catalog: Catalog? = nil, site: TimeZone) {
        self.stage = stage
        self.stores = catalog?.storeTimeZones ?? [:]
        self.site = site
    }

    /// The options of a stage that makes stores' local days, for its registration.
    public static let options: [OptionSpec] = [
        OptionSpec("timezone", .string, doc: "Zone of every store's business days (IANA name, e.g. America/New_York); overrides the catalogue's store zones and the top-level timezone."),
        OptionSpec("catalog", .string, doc: "Catalogue YAML whose stores may carry their own timezone (a regional agent); other stores use the top-level timezone."),
    ]

    /// The zone of `store`'s business days.
    public func zone(ofStore store: String) -> TimeZone {
        stage ?? stores[store] ?? site
    }
}
