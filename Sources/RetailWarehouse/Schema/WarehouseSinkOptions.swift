import EdgeCore
import Foundation
import RetailCatalog

/// Options every database sink shares: where free-column streams go, the catalogue that names
/// stores and products, the time zone of local-date columns and the holiday calendars of
/// `dim_date` and `dim_holiday`.
public struct WarehouseSinkOptions: Sendable {
    public var tables: [WarehouseTable]
    /// Per input: whether its rows are changes of totals, added to the stored rows
    /// (``StarSchema/additiveKinds``) rather than replacing them.
    public var additive: [Bool]
    public var catalog: Catalog?
    public var timeZone: TimeZone
    public var calendars: StoreCalendars

    /// The option specs, for a sink's registration.
    public static let specs: [OptionSpec] = [
        OptionSpec("table", .string, doc: "Table for inputs with free columns (named record kinds have their own star-schema tables)."),
        OptionSpec("key", .list(.string), doc: "Key columns of 'table' for upserts; without it rows are appended."),
        OptionSpec("catalog", .string, doc: "Catalogue YAML (products, stores) that names the dim_store and dim_product rows."),
        OptionSpec("timezone", .string, doc: "Time zone of the local-date columns beside UTC timestamps (e.g. Europe/Berlin); default the site's (top-level timezone)."),
    ] + StoreCalendars.options

    /// Reads the shared options; a bad catalogue or time zone is a build error naming the option.
    public init(_ context: StageBuildContext) throws {
        tables = try WarehouseTable.forInputs(of: context)
        additive = context.inputs.map { $0.schema.kind.map(StarSchema.additiveKinds.contains) ?? false }
        catalog = try context.catalog()
        timeZone = try context.stageTimeZone() ?? context.siteTimeZone
        calendars = try context.storeCalendars()
    }
}
