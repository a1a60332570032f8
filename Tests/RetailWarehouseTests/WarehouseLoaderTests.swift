import EdgeCore
import EdgeCoreTesting
import Foundation
import RetailCatalog
import RetailWarehouse
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
        #expect(plan.writes.map(\.table.name) == ["dim_product", "dim_store", "dim_date", "dim_holiday", "fact_tweet"])
        let products = plan.writes[0].batch
        #expect(products.column("product_id")?.values == .string(StringColumn(["P1", "unknown"])))
        #expect(products.column("product_name")?.values == .string(StringColumn(["P1", "unknown"])))
        #expect(plan.writes[0].onConflict == .ignore)
        // The year's holidays of every calendar (here only the shipped US one) come with its days.
        #expect(plan.writes[3].batch.count == HolidayCalendar.unitedStates.days(in: 1970).count)
        let facts = plan.writes[4].batch
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
        #expect(writes[1].batch.row(0) == [.string("S1"), .string("Downtown"), .string("Springfield"), .null, .null])
        #expect(writes[3].batch.row(0) == [.string("P1"), .string("Whole Milk"), .string("Dairy"), .null, .double(1.29)])
    }
}
