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

    func run(_ rows: [[Value]], horizon: Int = 14, extra: String = "", models: String = "") async throws -> (MemorySinkStore, String) {
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
            \(models)
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
        let (store, _) = try await run(rows, horizon: 7, extra: ", model: demand", models: "models:\n  demand: { type: pooled }")
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
    }
}
