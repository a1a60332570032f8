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
        var tables: [WarehouseTable] = []
        for input in context.inputs {
            if let kind = input.schema.kind, let table = WarehouseTable.forKind(kind) {
                tables.append(table)
                continue
            }
            guard let name = context.options.string("table") else {
                throw StageBuildError(option: "inputs", "input '\(input.id)' has free columns \(input.schema); set 'table' to say where they go")
            }
            guard WarehouseTable.isValidIdentifier(name) else {
                throw StageBuildError(option: "table", "'\(name)' is not a valid table name (letters, digits and '_', not starting with a digit)")
            }
            for field in input.schema.fields where !WarehouseTable.isValidIdentifier(field.name) {
                throw StageBuildError(option: "inputs", "column '\(field.name)' of input '\(input.id)' is not a valid SQL column name")
            }
            let key = context.options.strings("key") ?? []
            for column in key where input.schema.index(of: column) == nil {
                throw StageBuildError(option: "key", "key column '\(column)' is not in input '\(input.id)' \(input.schema)")
            }
            tables.append(WarehouseTable(name: name, fields: input.schema.fields, key: key))
        }
        let sink = SQLiteSink(
            path: context.path("path", defaultUnderDataDirectory: "retail.db"), tables: tables,
            synchronous: context.options.string("synchronous") ?? "full", stage: context.id
        )
        return .sink(sink)
    }
}
