import EdgeCore
import EdgeCoreTesting
import Foundation
import RetailCatalog
import RetailWarehouse
import Testing

@Suite struct SchemaMigratorTests {
    struct Dialect: SQLDialect {
        var name: String { "test" }
        func quote(_ identifier: String) -> String { "\"\(identifier)\"" }
        func typeName(_ type: SQLColumnType) -> String { "\(type)" }
    }

    static let version = StarSchema.current.version

    /// The next version of the schema: one column and one table more.
    static var nextVersion: StarSchema {
        var schema = StarSchema.current
        schema.version = version + 1
        let index = schema.tables.firstIndex { $0.name == "dim_store" }!
        schema.tables[index].columns.append(WarehouseColumn("opened_on", .date, .date, nullable: true, since: version + 1))
        schema.tables.append(WarehouseTable(name: "fact_footfall", columns: [WarehouseColumn("date", .date, .date, references: "dim_date")], key: ["date"], since: version + 1))
        return schema
    }

    @Test func anEmptyDatabaseGetsEveryTableViewAndTheVersion() throws {
        let statements = try SchemaMigrator.statements(from: nil, to: .current, dialect: Dialect())
        let creates = statements.filter { $0.hasPrefix("CREATE TABLE") }
        #expect(creates.count == StarSchema.current.tables.count)
        #expect(creates.first?.contains("\"dim_date\"") == true)
        #expect(statements.filter { $0.hasPrefix("CREATE VIEW") }.count == StarSchema.current.views.count)
        let snapshot = try #require(statements.firstIndex { $0.hasPrefix("CREATE TABLE IF NOT EXISTS \"fact_forecast_snapshot\"") })
        #expect(statements[snapshot + 1] == "CREATE INDEX IF NOT EXISTS \"ix_fact_forecast_snapshot_date\" ON \"fact_forecast_snapshot\" (\"date\", \"store_id\", \"product_id\")")
        #expect(statements.filter { $0.hasPrefix("CREATE INDEX") }.count == 3)
        #expect(statements.last == "INSERT INTO \"retail_edge_schema\" (\"version\", \"applied_at\") VALUES (\(Self.version), CURRENT_TIMESTAMP)")
        let sales = creates.first { $0.contains("\"fact_sales_daily\"") }!
        #expect(sales.contains("FOREIGN KEY (\"store_id\") REFERENCES \"dim_store\" (\"store_id\")"))
        #expect(sales.contains("\"revenue\" decimal(precision: 19, scale: 4) NOT NULL"))
    }

    @Test func anUpToDateDatabaseIsLeftAlone() throws {
        #expect(try SchemaMigrator.statements(from: Self.version, to: .current, dialect: Dialect()).isEmpty)
    }

    static let storeCalendar = "ALTER TABLE \"dim_store\" ADD COLUMN \"calendar\" varchar(64)"

    @Test func version1GetsThePerClassF1ColumnsAndEverythingOfVersions3And4() throws {
        let statements = try SchemaMigrator.statements(from: 1, to: .current, dialect: Dialect())
        #expect(statements.filter { $0.hasPrefix("ALTER TABLE") } == [Self.storeCalendar, "ALTER TABLE \"fact_forecast\" ADD COLUMN \"horizon_days\" integer"]
            + ["f1_positive", "f1_neutral", "f1_negative"].map { "ALTER TABLE \"fact_model_metrics\" ADD COLUMN \"\($0)\" double" })
        #expect(statements.filter { $0.hasPrefix("CREATE TABLE") }.compactMap { $0.split(separator: "\"").dropFirst().first } == ["dim_holiday", "fact_forecast_snapshot"])
    }

    @Test func version3GetsTheHolidayTableAndTheStoresCalendar() throws {
        let statements = try SchemaMigrator.statements(from: 3, to: .current, dialect: Dialect())
        #expect(statements.filter { $0.hasPrefix("ALTER TABLE") } == [Self.storeCalendar])
        let creates = statements.filter { $0.hasPrefix("CREATE TABLE") }
        #expect(creates.count == 1)
        #expect(creates.first?.contains("CREATE TABLE IF NOT EXISTS \"dim_holiday\"") == true)
        #expect(creates.first?.contains("FOREIGN KEY (\"date\") REFERENCES \"dim_date\" (\"date\")") == true)
        #expect(statements.filter { $0.hasPrefix("CREATE INDEX") }.isEmpty)
    }

    @Test func version2GetsTheForecastSnapshotWithItsIndexesTheHorizonAndTheAccuracyViews() throws {
        let statements = try SchemaMigrator.statements(from: 2, to: .current, dialect: Dialect())
        #expect(statements.filter { $0.hasPrefix("ALTER TABLE") } == [Self.storeCalendar, "ALTER TABLE \"fact_forecast\" ADD COLUMN \"horizon_days\" integer"])
        #expect(statements.filter { $0.hasPrefix("CREATE TABLE") }.compactMap { $0.split(separator: "\"").dropFirst().first } == ["dim_holiday", "fact_forecast_snapshot"])
        #expect(statements.filter { $0.hasPrefix("CREATE INDEX") }.map { String($0.split(separator: " ")[5]) } == [
            "\"ix_fact_forecast_snapshot_date\"", "\"ix_fact_forecast_snapshot_store\"", "\"ix_fact_forecast_snapshot_product\"",
        ])
        // The view over a view goes first and comes back last.
        let drops = statements.filter { $0.hasPrefix("DROP VIEW") }, creates = statements.filter { $0.hasPrefix("CREATE VIEW") }
        #expect(drops.first == "DROP VIEW IF EXISTS \"v_forecast_accuracy_by_horizon\"")
        #expect(creates.last?.hasPrefix("CREATE VIEW \"v_forecast_accuracy_by_horizon\" AS") == true)
        #expect(creates.last?.contains("FROM \"v_forecast_accuracy\"") == true)
    }

    @Test func anIndexOfANewerVersionIsAddedToAnExistingTable() throws {
        var next = StarSchema.current
        next.version = Self.version + 1
        let sales = next.tables.firstIndex { $0.name == "fact_sales_daily" }!
        next.tables[sales].indexes.append(WarehouseIndex("ix_fact_sales_daily_product", on: ["product_id", "date"], since: Self.version + 1))
        let statements = try SchemaMigrator.statements(from: Self.version, to: next, dialect: Dialect())
        #expect(statements.filter { $0.hasPrefix("CREATE INDEX") } == [
            "CREATE INDEX IF NOT EXISTS \"ix_fact_sales_daily_product\" ON \"fact_sales_daily\" (\"product_id\", \"date\")",
        ])
    }

    @Test func anOlderDatabaseGetsOnlyWhatIsNew() throws {
        let statements = try SchemaMigrator.statements(from: Self.version, to: Self.nextVersion, dialect: Dialect())
        #expect(statements.contains("ALTER TABLE \"dim_store\" ADD COLUMN \"opened_on\" date"))
        #expect(statements.filter { $0.hasPrefix("CREATE TABLE") }.map { $0.contains("fact_footfall") } == [true])
        #expect(statements.filter { $0.hasPrefix("DROP VIEW") }.count == StarSchema.current.views.count)
        #expect(statements.last?.contains("VALUES (\(Self.version + 1), CURRENT_TIMESTAMP)") == true)
    }

    @Test func aNewerDatabaseIsRefused() {
        #expect(throws: WarehouseError.schemaTooNew(found: Self.version + 1, known: Self.version)) {
            try SchemaMigrator.statements(from: Self.version + 1, to: .current, dialect: Dialect())
        }
    }

    @Test func viewsGetQualifiedTableNames() {
        let view = WarehouseView(name: "v", query: "SELECT * FROM {a} JOIN {b_c} ON 1 = 1")
        #expect(view.query { "s.\($0)" } == "SELECT * FROM s.a JOIN s.b_c ON 1 = 1")
    }
}
