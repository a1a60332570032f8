import EdgeCore
import RetailWarehouse

/// Registers the `postgres` sink.
public enum PostgresPlugin {
    public static let registration = PluginRegistration(
        kind: .sink, type: "postgres",
        summary: "PostgreSQL: the star schema for Power BI; binary COPY into staging tables, then a prepared upsert, one transaction per batch",
        options: [
            OptionSpec("url", .string, required: true, secret: true, doc: "postgres://user:password@host:port/database?sslmode=… (use ${DATABASE_URL} or ${credential:database_url})."),
            OptionSpec("schema", .string, default: .string("public"), doc: "Schema holding the tables; created if missing."),
        ] + WarehouseSinkOptions.specs,
        factory: make
    )

    static func make(_ context: StageBuildContext) throws -> BuiltStage {
        let url = context.options.string(defaulted: "url")
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") || url.contains("=") else {
            throw StageBuildError(option: "url", "must be a postgres:// URL or a libpq key=value string")
        }
        let schema = context.options.string(defaulted: "schema")
        guard WarehouseTable.isValidIdentifier(schema) else {
            throw StageBuildError(option: "schema", "'\(schema)' is not a valid schema name")
        }
        let database = PostgresDatabase(url: url, dialect: PostgresDialect(schema: schema))
        return .sink(WarehouseSink(database: database, options: try WarehouseSinkOptions(context), stage: context.id))
    }
}
