import EdgeCore

/// Registers the `sqlite` sink.
public enum SQLitePlugin {
    public static let registration = PluginRegistration(
        kind: .sink, type: "sqlite",
        summary: "Embedded SQLite database (the default): a table per record kind, idempotent upserts, WAL",
        options: [
            OptionSpec("path", .string, doc: "Database file; default DATA_DIR/retail.db."),
            OptionSpec("table", .string, doc: "Table for inputs with free columns (named record kinds have their own tables)."),
            OptionSpec("key", .list(.string), doc: "Key columns of 'table' for upserts; without it rows are appended."),
            OptionSpec("synchronous", .choice(["full", "normal"]), default: .string("full"), doc: "SQLite's synchronous mode: full makes every committed batch survive power loss."),
        ],
        factory: make
    )

    static func make(_ context: StageBuildContext) throws -> BuiltStage {
        let tables = try WarehouseTable.forInputs(of: context)
        let sink = SQLiteSink(
            path: context.path("path", defaultUnderDataDirectory: "retail.db"), tables: tables,
            synchronous: context.options.string("synchronous") ?? "full", stage: context.id
        )
        return .sink(sink)
    }
}
