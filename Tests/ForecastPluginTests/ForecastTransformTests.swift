import EdgeCore
import EdgeCoreTesting
import ForecastPlugin
import Foundation
import RetailWarehouse
import Testing

@Suite struct ForecastTransformTests {
    static let start = CivilDate(year: 2024, month: 1, day: 1).daysSinceEpoch

    /// sales_daily rows for series `name` (store S, product name) with `values` from `start + offset`.
    static func rows(_ product: String, _ values: [Double], offset: Int32 = 0, store: String = "S") -> [[Value]] {
        values.enumerated().map { day, units in
            [.date(start + offset + Int32(day)), .string(store), .string(product), .double(units), .double(units * 2), .int(1)]
        }
    }

    func run(_ rows: [[Value]], horizon: Int = 14, extra: String = "", models: String = "{}") async throws -> (MemorySinkStore, String) {
        let store = MemorySinkStore()
        var registry = PluginRegistry()
        registry.register(MemorySink.registration(store: store))
        for registration in ForecastPlugin.registrations { registry.register(registration) }
        registry.register(StaticSource.registration("daily", [StaticSource.batch(RecordKind.salesDaily, rows)]))
        let directory = PipelineHarness.temporaryDirectory()
        try await PipelineHarness.runOnce(yaml: """
            sources:
              sales: { type: daily }
            transforms:
              fc: { type: forecast, inputs: [sales], horizon_days: \(horizon)\(extra) }
            sinks:
              forecasts: { type: memory, inputs: [fc] }
              metrics: { type: memory, inputs: [fc.metrics] }
            models: \(models)
            """, registry: registry, dataDirectory: directory)
        return (store, directory)
    }

    @Test func everySeriesGetsItsHorizonWithOrderedNonNegativeIntervals() async throws {
        let weekly = (0..<400).map { Double([5, 6, 7, 8, 12, 15, 9][$0 % 7] + ($0 / 50)) }
        let intermittent = (0..<400).map { $0 % 9 == 0 ? 3.0 : 0 }
        let (store, _) = try await run(Self.rows("weekly", weekly) + Self.rows("sparse", intermittent))
        let forecasts = store.rows("forecasts")
        #expect(forecasts.count == 28)
        for row in forecasts {
            guard case .double(let yhat) = row[3], case .double(let lower) = row[4], case .double(let upper) = row[5] else {
                Issue.record("not doubles: \(row)")
                continue
            }
            #expect(lower >= 0 && lower <= yhat && yhat <= upper)
        }
        let weeklyRows = forecasts.filter { $0[1] == .string("weekly") }
        #expect(weeklyRows.first?[2] == .date(Self.start + 400))
        // horizon_days counts from the last day of history (day 399): the snapshots' horizon.
        for row in forecasts {
            guard case .date(let day) = row[2] else { continue }
            #expect(row[9] == .int(Int64(day - (Self.start + 399))))
        }
        // Saturdays sell most in the history: the forecast follows the weekly shape.
        let byWeekday = Dictionary(grouping: weeklyRows) { row -> Int in
            guard case .date(let day) = row[2] else { return 0 }
            return CivilDate(daysSinceEpoch: day).isoWeekday
        }.mapValues { rows in rows.compactMap { if case .double(let v) = $0[3] { v } else { nil } }.reduce(0, +) / Double(rows.count) }
        #expect(byWeekday.max { $0.value < $1.value }?.key == CivilDate(daysSinceEpoch: Self.start + 5).isoWeekday)
        let metrics = store.rows("metrics")
        #expect(metrics.count == 3)
        #expect(metrics.last?[1] == .string("all"))
        #expect(metrics.last?[3] == .string("auto"))
        #expect(metrics.last?[12] == .int(800))
    }

    @Test func aPooledModelForecastsEveryStoreAndNamesItselfInTheMetrics() async throws {
        let rows = (0..<4).flatMap { store in
            Self.rows("P", (0..<120).map { Double([5, 6, 7, 8, 12, 15, 9][$0 % 7] + store) }, store: "S\(store)")
        }
        let (store, _) = try await run(rows, horizon: 7, extra: ", model: demand", models: "{ demand: { type: pooled } }")
        #expect(store.rows("forecasts").count == 4 * 7)
        #expect(store.rows("forecasts").allSatisfy { $0[6] == .string("pooled") })
        let metrics = store.rows("metrics")
        #expect(metrics.count == 5)
        #expect(metrics.allSatisfy { $0[3] == .string("pooled") })
        #expect(metrics.dropLast().allSatisfy { if case .double(let mase) = $0[8] { mase.isFinite } else { false } })
    }

    @Test func awkwardSeriesAreForecastOrRefusedAloneWithAReason() async throws {
        let (store, directory) = try await run(
            Self.rows("zeros", Array(repeating: 0, count: 60))
                + Self.rows("three", [4, 5, 6], offset: 57)
                + Self.rows("constant", Array(repeating: 7, count: 60))
                + Self.rows("gaps", (0..<60).map { Double($0 % 5) }).enumerated().filter { $0.offset % 3 != 0 }.map(\.element)
                + Self.rows("negative", (0..<60).map { $0 == 30 ? -2 : 3 }),
            horizon: 7
        )
        let forecast = Dictionary(grouping: store.rows("forecasts")) { row -> String in if case .string(let s) = row[1] { s } else { "" } }
        #expect(Set(forecast.keys) == ["zeros", "three", "constant", "gaps"])
        #expect(forecast.values.allSatisfy { $0.count == 7 })
        #expect(forecast["zeros"]?.allSatisfy { $0[3] == .double(0) } == true)
        #expect(forecast["constant"]?.allSatisfy { if case .double(let v) = $0[3] { abs(v - 7) < 1e-6 } else { false } } == true)
        // Every series ends on the last day seen, so "three" starts the same day as the others.
        #expect(forecast["three"]?.first?[2] == .date(Self.start + 60))
        let letters = try String(contentsOfFile: directory + "/dead_letter/fc.jsonl", encoding: .utf8)
        #expect(letters.contains("negative_value") && letters.contains("\"product_id\":\"negative\""))
    }

    @Test func badOptionsAreConfigErrors() async throws {
        await #expect(throws: ConfigError.self) { try await run([], extra: ", retrain: \"daily at 25:00\"") }
        await #expect(throws: ConfigError.self) { try await run([], extra: ", model: nowhere") }
        let covariate = await #expect(throws: ConfigError.self) { try await run([], extra: ", covariates: [avg_prise]") }
        #expect(covariate?.description.contains("covariate 'avg_prise' is neither avg_price nor a numeric column of the inputs (numeric: avg_price, units, revenue, lines); did you mean 'avg_price'?") == true)
        let calendar = await #expect(throws: ConfigError.self) { try await run([], extra: ", calendar: DE") }
        #expect(calendar?.description.contains("names calendar 'DE', which is neither shipped nor in the holidays file (known: US)") == true)
        let directory = PipelineHarness.temporaryDirectory()
        try "calendars:\n  DE:\n    holidays:\n      - { name: Tag der Einheit, date: 10-33 }\n".write(toFile: directory + "/h.yaml", atomically: true, encoding: .utf8)
        let holidays = await #expect(throws: ConfigError.self) { try await run([], extra: ", holidays: \(directory)/h.yaml, calendar: DE") }
        #expect(holidays?.description.contains("\(directory)/h.yaml:4:40: error: date '10-33' of holiday 'Tag der Einheit' is not a month and day like 12-25") == true)
    }

    /// A second input of planned promotions is accepted beside the daily totals, and a plan
    /// input that is not among the inputs, or lacks the key columns, is a config error.
    @Test func plannedInputsAreCheckedAtBuild() async throws {
        let promotions = Schema([Field("date", .date), Field("store_id", .string), Field("product_id", .string), Field("promo", .int)])
        let weekly = (0..<120).map { Double([5, 6, 7, 8, 12, 15, 9][$0 % 7]) }
        func run(_ forecast: String, promotionRows: Schema = promotions) async throws -> MemorySinkStore {
            let store = MemorySinkStore()
            var registry = PluginRegistry()
            registry.register(MemorySink.registration(store: store))
            for registration in ForecastPlugin.registrations { registry.register(registration) }
            registry.register(StaticSource.registration("daily", [StaticSource.batch(RecordKind.salesDaily, Self.rows("p", weekly))]))
            registry.register(StaticSource.registration("promos", [StaticSource.batch(promotionRows, [])]))
            try await PipelineHarness.runOnce(yaml: """
                sources:
                  sales: { type: daily }
                  promotions: { type: promos }
                transforms:
                  fc: { type: forecast, \(forecast) }
                sinks:
                  forecasts: { type: memory, inputs: [fc] }
                """, registry: registry, dataDirectory: PipelineHarness.temporaryDirectory())
            return store
        }
        let store = try await run("inputs: [sales, promotions], planned: [promotions], covariates: [promo, avg_price], horizon_days: 7")
        #expect(store.rows("forecasts").count == 7)
        let unknown = await #expect(throws: ConfigError.self) { try await run("inputs: [sales, promotions], planned: [promos]") }
        #expect(unknown?.description.contains("'promos' is not one of the inputs (sales, promotions)") == true)
        let keyless = await #expect(throws: ConfigError.self) {
            try await run("inputs: [sales, promotions], planned: [promotions]", promotionRows: Schema([Field("day", .date), Field("promo", .int)]))
        }
        #expect(keyless?.description.contains("planned input 'promotions' has no column 'date' (it has: day, promo)") == true)
    }

    /// A store's calendar reaches its models: a yearly spike on a day only one calendar names is
    /// forecast for that calendar's store, not for the other's.
    @Test func eachStoreIsForecastWithItsOwnCalendar() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        try "calendars:\n  XX:\n    holidays:\n      - { name: Mega day, date: 03-15 }\n".write(toFile: directory + "/h.yaml", atomically: true, encoding: .utf8)
        try "stores:\n  - { id: A, name: A, calendar: XX }\n  - { id: B, name: B }\n".write(toFile: directory + "/catalog.yaml", atomically: true, encoding: .utf8)
        // 2024-01-01 + 800 days: two March 15ths with triple sales, the history ending 2026-03-10.
        let values = (0..<800).map { day -> Double in
            let date = CivilDate(daysSinceEpoch: Self.start + Int32(day))
            return (date.month, date.day) == (3, 15) ? 30 : Double([10, 9, 10, 11, 12, 14, 10][day % 7])
        }
        let (store, _) = try await run(Self.rows("p", values, store: "A") + Self.rows("p", values, store: "B"), horizon: 10,
                                       extra: ", model: additive, holidays: \(directory)/h.yaml, catalog: \(directory)/catalog.yaml",
                                       models: "{ additive: { type: additive } }")
        let megaDay = CivilDate(year: 2026, month: 3, day: 15).daysSinceEpoch
        func yhat(_ storeId: String, _ day: Int32) -> Double? {
            guard let row = store.rows("forecasts").first(where: { $0[0] == .string(storeId) && $0[2] == .date(day) }), case .double(let value) = row[3] else { return nil }
            return value
        }
        let withCalendar = try #require(yhat("A", megaDay)), without = try #require(yhat("B", megaDay))
        #expect(withCalendar > 15)
        #expect(without < 12)
    }
}
