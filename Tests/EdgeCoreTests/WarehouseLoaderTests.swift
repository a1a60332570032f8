import EdgeCore
import EdgeCoreTesting
import Foundation
import Testing

@Suite struct WarehouseLoaderTests {
    let table = StarSchema.current.table(forKind: "tweet")!

    func tweets(_ rows: [(id: String, at: Int64, product: String?)]) -> RecordBatch {
        StaticSource.batch(RecordKind.tweet, rows.map { row in
            [.string(row.id), .timestamp(row.at), .string("text"), .null, row.product.map(Value.string) ?? .null, .null, .null, .null, .null]
        })
    }

    @Test func nullKeysBecomeTheUnknownMemberAndNewKeysAreInsertedOnce() throws {
        var loader = WarehouseLoader(timeZone: TimeZone(identifier: "UTC")!)
        let plan = loader.plan(tweets([("a", 0, "P1"), ("b", 0, nil), ("c", 0, "P1")]), into: table)
        #expect(plan.writes.map(\.table.name) == ["dim_product", "dim_store", "dim_date", "fact_tweet"])
        let products = plan.writes[0].batch
        #expect(products.column("product_id")?.values == .string(StringColumn(["P1", "unknown"])))
        #expect(products.column("product_name")?.values == .string(StringColumn(["P1", "unknown"])))
        #expect(plan.writes[0].onConflict == .ignore)
        let facts = plan.writes[3].batch
        #expect(facts.column("product_id")?.values == .string(StringColumn(["P1", "unknown", "P1"])))
        #expect(facts.column("store_id")?.validity == nil)

        // Until the plan is committed, the next batch still carries the members.
        let again = loader.plan(tweets([("d", 0, "P1")]), into: table)
        #expect(again.writes.map(\.table.name).contains("dim_product"))
        loader.committed(again)
        let after = loader.plan(tweets([("e", 0, "P1"), ("f", 0, "P2")]), into: table)
        #expect(after.writes.map(\.table.name) == ["dim_product", "fact_tweet"])
        #expect(after.writes[0].batch.count == 1)
    }

    @Test func theDateDimensionCoversWholeYearsWithoutGaps() throws {
        var loader = WarehouseLoader(timeZone: TimeZone(identifier: "UTC")!)
        let day2021 = CivilDate(year: 2021, month: 6, day: 1).daysSinceEpoch
        let first = loader.plan(tweets([("a", Int64(day2021) * 86_400_000_000, "P")]), into: table)
        let dates = first.writes.filter { $0.table.name == "dim_date" }
        #expect(dates.map(\.batch.count) == [365])
        loader.committed(first)
        let day2024 = CivilDate(year: 2024, month: 2, day: 29).daysSinceEpoch
        let second = loader.plan(tweets([("b", Int64(day2024) * 86_400_000_000, "P")]), into: table)
        let added = second.writes.filter { $0.table.name == "dim_date" }.flatMap { write -> [Int32] in
            guard case .date(let days) = write.batch.column("date")!.values else { return [] }
            return days
        }
        #expect(added.count == 365 + 365 + 366)
        #expect(added.first == CivilDate(year: 2022, month: 1, day: 1).daysSinceEpoch)
        #expect(added.last == CivilDate(year: 2024, month: 12, day: 31).daysSinceEpoch)
        #expect(Set(added).count == added.count)
    }

    @Test func localDatesFollowTheConfiguredTimeZone() throws {
        // 2024-03-01 03:30 UTC is still February 29th in New York.
        let instant = Int64(CivilDate(year: 2024, month: 3, day: 1).daysSinceEpoch) * 86_400_000_000 + 12_600_000_000
        var newYork = WarehouseLoader(timeZone: TimeZone(identifier: "America/New_York")!)
        var berlin = WarehouseLoader(timeZone: TimeZone(identifier: "Europe/Berlin")!)
        let local = { (loader: inout WarehouseLoader) -> Value in
            loader.plan(self.tweets([("a", instant, "P")]), into: self.table).writes.last!.batch.column("created_date")!.value(at: 0)
        }
        #expect(local(&newYork) == .date(CivilDate(year: 2024, month: 2, day: 29).daysSinceEpoch))
        #expect(local(&berlin) == .date(CivilDate(year: 2024, month: 3, day: 1).daysSinceEpoch))
    }

    @Test func datesOutsideTheCalendarAreNotAdded() throws {
        var loader = WarehouseLoader(timeZone: TimeZone(identifier: "UTC")!)
        let far = Int64(CivilDate(year: 2500, month: 1, day: 1).daysSinceEpoch) * 86_400_000_000
        let plan = loader.plan(tweets([("a", far, "P")]), into: table)
        #expect(!plan.writes.contains { $0.table.name == "dim_date" })
    }

    @Test func catalogueNamesTheDimensionsBesideTheFixedMembers() throws {
        let catalog = try Catalog.parse("""
            products:
              - { id: P1, name: Whole Milk, category: Dairy, unit_price: 1.29 }
            stores:
              - { id: S1, name: Downtown, city: Springfield }
            """, file: "catalog.yaml")
        let writes = WarehouseLoader().initialWrites(catalog: catalog)
        #expect(writes.map(\.table.name) == ["dim_store", "dim_store", "dim_product", "dim_product"])
        #expect(writes[0].batch.column("store_id")?.values == .string(StringColumn(["unknown", "all"])))
        #expect(writes[1].onConflict == .update)
        #expect(writes[1].batch.row(0) == [.string("S1"), .string("Downtown"), .string("Springfield"), .null])
        #expect(writes[3].batch.row(0) == [.string("P1"), .string("Whole Milk"), .string("Dairy"), .null, .double(1.29)])
    }
}

@Suite struct CalendarTests {
    @Test func holidaysFallOnTheirDays() {
        let days = HolidayCalendar.retailDefault.holidays(in: 2024)
        let named = { (month: Int, day: Int) in days[CivilDate(year: 2024, month: month, day: day).daysSinceEpoch] }
        #expect(named(11, 28) == "Thanksgiving")
        #expect(named(11, 29) == "Black Friday")
        #expect(named(3, 31) == "Easter Sunday")
        #expect(named(5, 27) == "Memorial Day")
        #expect(named(9, 2) == "Labor Day")
        #expect(named(12, 25) == "Christmas Day")
        #expect(named(7, 5) == nil)
        #expect(HolidayCalendar.retailDefault.holidays(in: 2025)[CivilDate(year: 2025, month: 4, day: 20).daysSinceEpoch] == "Easter Sunday")
    }

    @Test func isoWeeksCrossYearBoundaries() {
        #expect(DateDimension.isoWeek(of: CivilDate(year: 2021, month: 1, day: 3)) == 53)
        #expect(DateDimension.isoWeek(of: CivilDate(year: 2024, month: 12, day: 30)) == 1)
        #expect(DateDimension.isoWeek(of: CivilDate(year: 2024, month: 1, day: 1)) == 1)
        #expect(DateDimension.isoWeek(of: CivilDate(year: 2026, month: 6, day: 15)) == 25)
    }

    @Test func dateRowsDescribeEachDay() {
        let rows = DateDimension.rows(years: 2024...2024)
        #expect(rows.count == 366)
        let leapDay = Int(CivilDate(year: 2024, month: 2, day: 29).daysSinceEpoch - CivilDate(year: 2024, month: 1, day: 1).daysSinceEpoch)
        #expect(rows.row(leapDay) == [.date(CivilDate(year: 2024, month: 2, day: 29).daysSinceEpoch), .int(2024), .int(1), .int(2), .string("February"),
                                      .int(9), .int(4), .string("Thursday"), .bool(false), .bool(false), .null])
    }
}

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

@Suite struct CatalogTests {
    @Test func errorsNameFileLineAndColumn() {
        #expect {
            try Catalog.parse("""
                products:
                  - { id: P1, name: Milk }
                  - { name: Bread }
                  - { id: P1, name: Butter }
                stors: []
                """, file: "cat.yaml")
        } throws: { error in
            let messages = (error as? ConfigError)?.diagnostics.map(\.description) ?? []
            return messages.contains("cat.yaml:3:5: error: an entry of 'products' has no id")
                && messages.contains("cat.yaml:4:5: error: id 'P1' appears twice in 'products'")
                && messages.contains { $0.hasPrefix("cat.yaml:5:1: error: unknown section 'stors'") && $0.contains("did you mean 'stores'") }
        }
    }

    @Test func aliasesAndAttributesAreKept() throws {
        let catalog = try Catalog.parse("""
            organizations:
              - id: ACME
                name: Acme Foods
                aliases: [Acme, "@acme"]
                country: US
            """, file: "c.yaml")
        #expect(catalog.organizations == [CatalogEntry(id: "ACME", name: "Acme Foods", aliases: ["Acme", "@acme"], attributes: ["country": "US"])])
    }

    @Test func theShippedCatalogueParses() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../config/catalog.yaml").path
        let catalog = try Catalog.load(path: path)
        #expect(catalog.products.count == 20)
        #expect(catalog.stores.map(\.id) == ["S01", "S02", "S03", "S04", "S05"])
    }
}
