import EdgeCore
import RetailWarehouse

/// Registers the `sqlite` sink, with its analyst page (`/analytics` on the status API).
public enum SQLitePlugin {
    public static let registration = PluginRegistration(
        kind: .sink, type: "sqlite",
        summary: "Embedded SQLite database (the default): the star schema, idempotent upserts, WAL",
        options: [
            OptionSpec("path", .string, doc: "Database file; default DATA_DIR/retail.db."),
            OptionSpec("synchronous", .choice(["full", "normal"]), default: .string("full"), doc: "SQLite's synchronous mode: full makes every committed batch survive power loss."),
            OptionSpec("enforce_foreign_keys", .bool, default: .bool(false),
                       doc: "SQLite checks every row's dimension keys too (the sink writes them first, in the same transaction, either way); about half of its cost per fact row."),
        ] + WarehouseSinkOptions.specs,
        factory: make
    )

    static func make(_ context: StageBuildContext) throws -> BuiltStage {
        let path = context.path("path", defaultUnderDataDirectory: "retail.db")
        let database = SQLiteDatabase(path: path, synchronous: context.options.string(defaulted: "synchronous"),
                                      enforcesForeignKeys: context.options.bool(defaulted: "enforce_foreign_keys"))
        let analytics = WarehouseAnalytics(path: path, stage: context.id)
        return .sink(WarehouseSink(database: database, options: try WarehouseSinkOptions(context), stage: context.id, statusRoutes: analytics.statusRoutes))
    }
}
