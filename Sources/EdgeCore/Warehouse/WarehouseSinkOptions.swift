import Foundation

/// Options every database sink shares: where free-column streams go, the catalogue that names
/// stores and products, and the time zone of local-date columns.
public struct WarehouseSinkOptions: Sendable {
    public var tables: [WarehouseTable]
    public var catalog: Catalog?
    public var timeZone: TimeZone

    /// The option specs, for a sink's registration.
    public static let specs: [OptionSpec] = [
        OptionSpec("table", .string, doc: "Table for inputs with free columns (named record kinds have their own star-schema tables)."),
        OptionSpec("key", .list(.string), doc: "Key columns of 'table' for upserts; without it rows are appended."),
        OptionSpec("catalog", .string, doc: "Catalogue YAML (products, stores) that names the dim_store and dim_product rows."),
        OptionSpec("timezone", .string, doc: "Time zone of the local-date columns beside UTC timestamps (e.g. Europe/Berlin); default the system's."),
    ]

    /// Reads the shared options; a bad catalogue or time zone is a build error naming the option.
    public init(_ context: StageBuildContext) throws {
        tables = try WarehouseTable.forInputs(of: context)
        if let path = context.options.string("catalog") {
            do {
                catalog = try Catalog.load(path: path)
            } catch {
                throw StageBuildError(option: "catalog", "\(error)")
            }
        }
        if let name = context.options.string("timezone") {
            guard let zone = TimeZone(identifier: name) else {
                throw StageBuildError(option: "timezone", "'\(name)' is not a time zone name (like UTC or Europe/Berlin)")
            }
            timeZone = zone
        } else {
            timeZone = .current
        }
    }
}
