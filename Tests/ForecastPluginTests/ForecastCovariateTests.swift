import EdgeCore
import EdgeCoreTesting
import Foundation
import RetailWarehouse
import CSVPlugin
import SalesPlugin
import Testing
@testable import ForecastPlugin

@Suite struct ForecastCovariateTests {
    static let start = CivilDate(year: 2024, month: 3, day: 4).daysSinceEpoch

    /// A forecast transform over sales_daily (date, store_id, product_id, units, revenue, lines) with `covariates`.
    static func transform(covariates: [(name: String, source: CovariateSource)]) throws -> ForecastTransform {
        try ForecastTransform(
            columns: (date: 0, store: 1, product: 2, units: 3), configuration: .init(), horizon: 7,
            schedule: RetrainSchedule(parsing: "on new days"), minimumInterval: .seconds(1), maxHistoryDays: 400,
            timeZone: TimeZone(identifier: "UTC")!, covariates: covariates
        )
    }

    /// Day `offset`'s sales_daily row: `units` sold for `revenue`.
    static func row(_ offset: Int32, _ units: Double, _ revenue: Double, product: String = "P1") -> [Value] {
        [.date(start + offset), .string("S1"), .string(product), .double(units), .double(revenue), .int(1)]
    }

    @Test func theModelsReceiveTheAveragePricePerDayUnknownWhereNothingSold() throws {
        var transform = try Self.transform(covariates: [("avg_price", .averagePrice(revenue: 4, units: 3))])
        // Day 2 has no row (nothing sold), day 3 sold nothing; day 1 is a promotion at 8.00 instead of 10.00.
        transform.record(StaticSource.batch(RecordKind.salesDaily, [Self.row(0, 3, 30), Self.row(1, 5, 40), Self.row(3, 0, 0), Self.row(4, 2, 19.5)]))
        // A later batch with the second product runs the history to day 6.
        transform.record(StaticSource.batch(RecordKind.salesDaily, [Self.row(6, 1, 4, product: "P2")]))
        let inputs = transform.seriesInputs(transform.history.series, lastDay: Self.start + 6)
        #expect(inputs.map(\.id) == ["S1\u{1F}P1", "S1\u{1F}P2"])
        #expect(inputs[0].values == [3, 5, 0, 0, 2, 0, 0])
        let prices = try #require(inputs[0].covariates["avg_price"])
        #expect(prices.count == 7)
        #expect(Array(prices[0...1]) == [10, 8])
        #expect(prices[2].isNaN && prices[3].isNaN && prices[5].isNaN && prices[6].isNaN)
        #expect(prices[4] == 9.75)
        #expect(inputs[1].covariates["avg_price"] == [4])
    }

    /// The whole way: the csv source's prices, aggregated per day by aggregate_sales, reach the
    /// forecast transform as each day's average price (read back from its checkpointed state).
    @Test func theCSVPricesReachTheForecastAsTheAveragePricePerDay() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/in", withIntermediateDirectories: true)
        try """
            ts,store_id,product_id,units,unit_price
            2024-03-04T09:00:00,S1,P1,2,10.00
            2024-03-04T17:30:00,S1,P1,1,7.00
            2024-03-06T12:00:00,S1,P1,1,8.00
            2024-03-07T12:00:00,S1,P1,4,7.50
            2024-03-07T12:00:00,S1,P2,1,3.00
            """.write(toFile: directory + "/in/sales.csv", atomically: true, encoding: .utf8)
        var registry = PluginRegistry()
        for registration in ForecastPlugin.registrations + [CSVPlugin.registration, SalesPlugin.registration] { registry.register(registration) }
        let store = MemorySinkStore()
        registry.register(MemorySink.registration(store: store))
        try await PipelineHarness.runOnce(yaml: """
            timezone: UTC
            sources:
              tx:
                type: csv
                path: \(directory)/in
                columns: { ts: timestamp, store_id: string, product_id: string, units: int, unit_price: double }
            transforms:
              daily: { type: aggregate_sales, inputs: [tx] }
              fc: { type: forecast, inputs: [daily], covariates: [avg_price], horizon_days: 3 }
            sinks:
              out: { type: memory, inputs: [fc] }
            """, registry: registry, dataDirectory: directory)
        let state = try #require(try CheckpointStore(directory: directory + "/checkpoints").load()?.states["fc"])
        let history = try SeriesHistory(decoding: state, maxDays: 1095, covariateNames: ["avg_price"])
        let milk = try #require(history.series.first { $0.product == "P1" })
        #expect(milk.start == Self.start)
        #expect(milk.values == [3, 0, 1, 4])
        let prices = milk.covariates[0]
        #expect(prices[0] == 9 && prices[1].isNaN && prices[2] == 8 && prices[3] == 7.5)
    }

    @Test func aNumericColumnIsACovariateAndACheckpointKeepsIt() throws {
        var transform = try Self.transform(covariates: [("lines", .column(5))])
        transform.record(StaticSource.batch(RecordKind.salesDaily, [Self.row(0, 3, 30), Self.row(2, 1, 10)]))
        let restored = try SeriesHistory(decoding: transform.history.encoded(), maxDays: 400, covariateNames: ["lines"])
        #expect(restored.series.count == 1)
        #expect(restored.series[0].values == [3, 0, 1])
        let lines = restored.series[0].covariates[0]
        #expect(lines[0] == 1 && lines[1].isNaN && lines[2] == 1)
        // A covariate the checkpoint lacks is unknown on its days, not zero.
        let widened = try SeriesHistory(decoding: transform.history.encoded(), maxDays: 400, covariateNames: ["lines", "promo"])
        #expect(widened.series[0].covariates[1].allSatisfy { $0.isNaN })
    }

    static let promotions = Schema([Field("date", .date), Field("store_id", .string), Field("product_id", .string), Field("promo", .int)])

    /// Planned promotions (days 2 and 9, the history ending on day 6) reach the models through the
    /// plan's last day: past the history, the known future; unlisted days are 0.
    @Test func plannedPromotionsRunPastTheHistoryAndSurviveACheckpoint() throws {
        var transform = try ForecastTransform(
            columns: (date: 0, store: 1, product: 2, units: 3), configuration: .init(), horizon: 7,
            schedule: RetrainSchedule(parsing: "on new days"), minimumInterval: .seconds(1), maxHistoryDays: 400,
            timeZone: TimeZone(identifier: "UTC")!, plannedNames: ["promo"],
            plans: [1: PlanInput(date: 0, store: 1, product: 2, columns: [(covariate: 0, column: 3)])]
        )
        transform.record(StaticSource.batch(RecordKind.salesDaily, (0...6).map { Self.row(Int32($0), 2, 20) }))
        transform.history.markTrained()
        transform.record(plan: transform.plans[1]!, StaticSource.batch(Self.promotions, [
            [.date(Self.start + 2), .string("S1"), .string("P1"), .int(1)],
            [.date(Self.start + 9), .string("S1"), .string("P1"), .int(1)],
            [.date(Self.start + 3), .string("S1"), .string("P9"), .int(1)],
        ]))
        // A new plan for a known series is a reason to retrain it.
        #expect(transform.history.series.map(\.changed) == [true])
        let inputs = transform.seriesInputs(transform.history.series, lastDay: Self.start + 6)
        #expect(inputs[0].values.count == 7)
        #expect(inputs[0].covariates["promo"] == [0, 0, 1, 0, 0, 0, 0, 0, 0, 1])
        let restored = try SeriesHistory(decoding: transform.history.encoded(), maxDays: 400, plannedNames: ["promo"])
        #expect(restored.plannedValues(0, of: restored.series[0], through: Self.start + 6) == [0, 0, 1, 0, 0, 0, 0, 0, 0, 1])
        #expect(restored.plannedEnd == [Self.start + 9])
        // Plans of days before every series' window are dropped once trained.
        transform.record(plan: transform.plans[1]!, StaticSource.batch(Self.promotions, [[.date(Self.start - 5), .string("S1"), .string("P1"), .int(1)]]))
        #expect(transform.history.planned[0]["S1\u{1F}P1"]?.count == 3)
        transform.history.markTrained()
        #expect(transform.history.planned[0]["S1\u{1F}P1"]?.keys.sorted() == [Self.start + 2, Self.start + 9])
    }

    /// A damaged state is refused, also when its counts claim more than it holds.
    @Test func aTruncatedOrInflatedCheckpointIsRefused() throws {
        var transform = try Self.transform(covariates: [("avg_price", .averagePrice(revenue: 4, units: 3))])
        transform.record(StaticSource.batch(RecordKind.salesDaily, [Self.row(0, 3, 30), Self.row(1, 5, 40)]))
        let bytes = transform.history.encoded()
        #expect(throws: ForecastStateError.self) { try SeriesHistory(decoding: Array(bytes.dropLast(3)), maxDays: 400, covariateNames: ["avg_price"]) }
        // Version, no names, one series "S"/"P" claiming 2^32 - 1 days.
        let inflated: [UInt8] = [2, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 83, 1, 0, 0, 0, 80, 0, 0, 0, 0, 1, 255, 255, 255, 255]
        #expect(throws: ForecastStateError.self) { try SeriesHistory(decoding: inflated, maxDays: 400) }
    }

    @Test func aVersion1CheckpointStillRestores() throws {
        // Version 1: no covariate names; one series S/P from day 10 with values [2, 4], changed.
        var bytes: [UInt8] = [1, 1, 0, 0, 0]
        for text in ["S", "P"] { bytes += [UInt8(text.utf8.count), 0, 0, 0] + Array(text.utf8) }
        bytes += [10, 0, 0, 0, 1, 2, 0, 0, 0]
        for value in [2.0, 4.0] { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
        let history = try SeriesHistory(decoding: bytes, maxDays: 400, covariateNames: ["avg_price"])
        #expect(history.series.map(\.values) == [[2, 4]])
        #expect(history.series[0].start == 10 && history.series[0].changed)
        #expect(history.series[0].covariates[0].count == 2 && history.series[0].covariates[0].allSatisfy { $0.isNaN })
    }
}
