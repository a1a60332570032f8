import EdgeCore
import RetailWarehouse

/// Registers the `mysql` sink.
public enum MySQLPlugin {
    public static let registration = PluginRegistration(
        kind: .sink, type: "mysql",
        summary: "MySQL 8 / MariaDB: the star schema for Power BI; LOAD DATA LOCAL INFILE from memory (REPLACE into the table, or into a staging table, then upsert; multi-row upserts for small writes), one transaction per batch",
        options: [
            OptionSpec("url", .string, required: true, secret: true, doc: "mysql://user:password@host:port/database[?ssl-mode=required&ssl-ca=FILE] (use ${DATABASE_URL} or ${credential:database_url})."),
        ] + WarehouseSinkOptions.specs,
        factory: make
    )

    static func make(_ context: StageBuildContext) throws -> BuiltStage {
        guard let url = MySQLURL(context.options.string(defaulted: "url")) else {
            throw StageBuildError(option: "url", "must be mysql://user:password@host:port/database, optionally with ?ssl-mode=disabled|preferred|required|verify_ca|verify_identity&ssl-ca=FILE")
        }
        return .sink(WarehouseSink(database: MySQLDatabase(url: url), options: try WarehouseSinkOptions(context), stage: context.id))
    }
}
