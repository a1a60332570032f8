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
        #expect(statements.filter { $0.hasPrefix("CREATE VIEW") }.count == 2)
        #expect(statements.last == "INSERT INTO \"retail_edge_schema\" (\"version\", \"applied_at\") VALUES (\(Self.version), CURRENT_TIMESTAMP)")
        let sales = creates.first { $0.contains("\"fact_sales_daily\"") }!
        #expect(sales.contains("FOREIGN KEY (\"store_id\") REFERENCES \"dim_store\" (\"store_id\")"))
        #expect(sales.contains("\"revenue\" decimal(precision: 19, scale: 4) NOT NULL"))
    }

    @Test func anUpToDateDatabaseIsLeftAlone() throws {
        #expect(try SchemaMigrator.statements(from: Self.version, to: .current, dialect: Dialect()).isEmpty)
    }

    @Test func version1GetsThePerClassF1Columns() throws {
        let statements = try SchemaMigrator.statements(from: 1, to: .current, dialect: Dialect())
        #expect(statements.filter { $0.hasPrefix("ALTER TABLE") } == ["f1_positive", "f1_neutral", "f1_negative"].map {
            "ALTER TABLE \"fact_model_metrics\" ADD COLUMN \"\($0)\" double"
        })
        #expect(!statements.contains { $0.hasPrefix("CREATE TABLE") })
    }

    @Test func anOlderDatabaseGetsOnlyWhatIsNew() throws {
        let statements = try SchemaMigrator.statements(from: Self.version, to: Self.nextVersion, dialect: Dialect())
        #expect(statements.contains("ALTER TABLE \"dim_store\" ADD COLUMN \"opened_on\" date"))
        #expect(statements.filter { $0.hasPrefix("CREATE TABLE") }.map { $0.contains("fact_footfall") } == [true])
        #expect(statements.filter { $0.hasPrefix("DROP VIEW") }.count == 2)
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
