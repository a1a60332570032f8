import EdgeCore
import EdgeCoreTesting
import Foundation
import RetailWarehouse
import Testing
@testable import SQLitePlugin

/// The analyst page's documents, read back from a warehouse the sqlite sink filled, through the
/// routes the sink gives the status API.
@Suite struct WarehouseAnalyticsTests {
    static let first = CivilDate(year: 2024, month: 3, day: 1).daysSinceEpoch
    static let trainedAt = Int64(first + 40) * 86_400_000_000
    static let stores = ["S1", "S2"], products = ["P1", "P2"]

    static func date(_ offset: Int) -> String { CivilDate(daysSinceEpoch: first + Int32(offset)).description }
    static func units(_ store: Int, _ product: Int, _ day: Int) -> Double {
        let step: Int = day * 7 + store * 3 + product * 5
        return Double(step % 11) + 0.25
    }

    /// A row of `schema` from values by field name (missing fields null).
    static func row(_ schema: Schema, _ values: [String: Value]) -> [Value] {
        schema.fields.map { values[$0.name] ?? .null }
    }

    static func batches() -> [(String, RecordBatch)] {
        var sales: [[Value]] = [], forecast: [[Value]] = [], metrics: [[Value]] = [], tweets: [[Value]] = [], entities: [[Value]] = [], sentiment: [[Value]] = []
        for (s, store) in stores.enumerated() {
            for (p, product) in products.enumerated() {
                for day in 0..<40 {
                    let units = units(s, p, day)
                    sales.append(row(RecordKind.salesDaily, ["date": .date(first + Int32(day)), "store_id": .string(store), "product_id": .string(product),
                                                             "units": .double(units), "revenue": .double(units * 2), "lines": .int(1)]))
                }
                for day in 40..<50 {
                    let yhat = Double(day - 40 + s + p) + 0.5
                    forecast.append(row(RecordKind.forecast, ["store_id": .string(store), "product_id": .string(product), "date": .date(first + Int32(day)),
                                                              "yhat": .double(yhat), "yhat_lower": .double(yhat - 1.5), "yhat_upper": .double(yhat + 2),
                                                              "model": .string("ets"), "model_version": .string("1"), "trained_at": .timestamp(trainedAt)]))
                }
                for run in 0..<2 {
                    metrics.append(row(RecordKind.modelMetrics, ["trained_at": .timestamp(trainedAt - Int64(1 - run) * 86_400_000_000), "store_id": .string(store),
                                                                 "product_id": .string(product), "model": .string("ets"), "mae": .double(Double(1 + s + p + run)),
                                                                 "rmse": .double(2), "n_train": .int(40)]))
                }
            }
        }
        // Sentiment rises with P1's units in every day: a correlation of exactly 1.
        for day in 0..<10 {
            let units = stores.indices.reduce(0) { $0 + Self.units($1, 0, day) }
            sentiment.append(row(RecordKind.sentimentDaily, ["date": .date(first + Int32(day)), "entity_type": .string("PRODUCT"), "entity_id": .string("P1"),
                                                             "positive": .int(Int64(day)), "neutral": .int(1), "negative": .int(0), "mean_score": .double(units / 100 - 0.1)]))
        }
        for index in 0..<6 {
            let id = "t\(index)", product = index < 4 ? "P2" : "P1", store = index < 1 ? "S2" : "S1"
            tweets.append(row(RecordKind.tweet, ["tweet_id": .string(id), "created_at": .timestamp(Int64(first + Int32(index)) * 86_400_000_000 + 43_200_000_000),
                                                 "text": .string("about \(product) at \(store)"), "product_id": .string(product), "store_id": .string(store)]))
            entities.append(row(RecordKind.tweetEntity, ["tweet_id": .string(id), "start_offset": .int(6), "end_offset": .int(8), "entity_type": .string("PRODUCT"),
                                                         "entity_id": .string(product), "text": .string(product)]))
            entities.append(row(RecordKind.tweetEntity, ["tweet_id": .string(id), "start_offset": .int(12), "end_offset": .int(14), "entity_type": .string("STORE"),
                                                         "entity_id": .string(store), "text": .string(store)]))
        }
        return [("sales", StaticSource.batch(RecordKind.salesDaily, sales)), ("forecasts", StaticSource.batch(RecordKind.forecast, forecast)),
                ("metrics", StaticSource.batch(RecordKind.modelMetrics, metrics)), ("tweets", StaticSource.batch(RecordKind.tweet, tweets)),
                ("entities", StaticSource.batch(RecordKind.tweetEntity, entities)), ("sentiment", StaticSource.batch(RecordKind.sentimentDaily, sentiment))]
    }

    /// Fills a warehouse through the sqlite sink; returns its routes (as the status API mounts
    /// them) and the database file.
    static func filled() async throws -> ([String: StatusRoute], String) {
        let directory = PipelineHarness.temporaryDirectory()
        var registry = PluginRegistry()
        registry.register(SQLitePlugin.registration)
        let sources = batches()
        for (name, batch) in sources { registry.register(StaticSource.registration(name, [batch])) }
        let yaml = "sources:\n" + sources.map { "  \($0.0): { type: \($0.0) }\n" }.joined()
            + "sinks:\n  db: { type: sqlite, inputs: [\(sources.map(\.0).joined(separator: ", "))], path: \(directory)/w.db }\n"
        let runner = try await PipelineHarness.runOnce(yaml: yaml, registry: registry, dataDirectory: directory)
        return (runner.pipeline.statusRoutes, directory + "/w.db")
    }

    static func get(_ routes: [String: StatusRoute], _ path: String, _ query: [String: String] = [:]) async throws -> (Int, [String: Any]) {
        let route = try #require(routes[path])
        let response = await route.respond(query)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any])
        return (response.status, document)
    }

    /// `[(date, value)]` of a document's array of objects.
    static func points(_ document: [String: Any], _ key: String, _ value: String = "value") -> [(String, Double)] {
        ((document[key] as? [[String: Any]]) ?? []).map { ($0["date"] as? String ?? "", ($0[value] as? NSNumber)?.doubleValue ?? .nan) }
    }

    /// `[(date, value)]` from the sqlite3 shell's `date|value` lines.
    static func shell(_ database: String, _ sql: String) throws -> [(String, Double)] {
        try SQLiteShell.query(database, sql).split(separator: "\n").map { line in
            let fields = line.split(separator: "|")
            return (String(fields[0]), Double(fields[1]) ?? .nan)
        }
    }

    static func same(_ a: [(String, Double)], _ b: [(String, Double)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && abs($0.1 - $1.1) < 1e-9 }
    }

    @Test func theForecastDocumentHoldsTheDatabasesActualsForecastAndBacktest() async throws {
        let (routes, database) = try await Self.filled()
        #expect(routes["/analytics"]?.link == "analytics")
        let (status, document) = try await Self.get(routes, "/api/analytics/forecast", ["store_id": "S2", "product_id": "P1", "from": Self.date(30)])
        #expect(status == 200)
        let actual = Self.points(document, "actual")
        #expect(actual.count == 10)
        #expect(Self.same(actual, (30..<40).map { (Self.date($0), Self.units(1, 0, $0)) }))
        #expect(Self.same(actual, try Self.shell(database, "SELECT date, units FROM fact_sales_daily WHERE store_id = 'S2' AND product_id = 'P1' AND date >= '\(Self.date(30))' ORDER BY date")))
        for (key, column) in [("yhat", "yhat"), ("lower", "yhat_lower"), ("upper", "yhat_upper")] {
            #expect(Self.same(Self.points(document, "forecast", key),
                              try Self.shell(database, "SELECT date, \(column) FROM fact_forecast WHERE store_id = 'S2' AND product_id = 'P1' ORDER BY date")))
        }
        let backtest = try #require(document["backtest"] as? [String: Any])
        #expect((backtest["mae"] as? NSNumber)?.doubleValue == 3)  // the later run of S2 × P1: 1 + 1 + 0 + 1
        #expect((document["model"] as? [String: Any])?["model"] as? String == "ets")

        let until = try await Self.get(routes, "/api/analytics/forecast", ["store_id": "S2", "product_id": "P1", "to": Self.date(4)]).1
        #expect(Self.points(until, "actual").map(\.0) == (0...4).map(Self.date))
        #expect(Self.points(until, "forecast").isEmpty)
    }

    @Test func totalsSentimentMentionsModelsAndFiltersAgreeWithTheInput() async throws {
        let (routes, database) = try await Self.filled()
        let totals = try await Self.get(routes, "/api/analytics/totals").1
        let expected = (0..<40).map { day in (Self.date(day), Self.stores.indices.reduce(0.0) { sum, s in Self.products.indices.reduce(sum) { $0 + Self.units(s, $1, day) } }) }
        #expect(Self.same(Self.points(totals, "actual"), expected))
        #expect(Self.same(Self.points(totals, "forecast", "yhat"), try Self.shell(database, "SELECT date, SUM(yhat) FROM fact_forecast GROUP BY date ORDER BY date")))
        let ofP2 = try await Self.get(routes, "/api/analytics/totals", ["product_id": "P2", "to": Self.date(2)]).1
        #expect(Self.same(Self.points(ofP2, "actual"), (0...2).map { day in (Self.date(day), Self.units(0, 1, day) + Self.units(1, 1, day)) }))

        let sentiment = try await Self.get(routes, "/api/analytics/sentiment", ["product_id": "P1"]).1
        #expect(Self.points(sentiment, "sentiment").count == 10)
        #expect(Self.same(Self.points(sentiment, "sales"), (0..<40).map { day in (Self.date(day), Self.units(0, 0, day) + Self.units(1, 0, day)) }))
        let correlation = try #require((sentiment["correlation"] as? NSNumber)?.doubleValue)
        #expect(abs(correlation - 1) < 1e-9)

        let mentions = try await Self.get(routes, "/api/analytics/mentions").1
        let products = try #require(mentions["products"] as? [[String: Any]])
        #expect(products.map { $0["id"] as? String } == ["P2", "P1"])
        #expect(products.map { ($0["mentions"] as? NSNumber)?.intValue } == [4, 2])
        let early = try await Self.get(routes, "/api/analytics/mentions", ["to": Self.date(0), "limit": "1"]).1
        #expect((early["stores"] as? [[String: Any]])?.map { $0["id"] as? String } == ["S2"])

        let runs = try #require(try await Self.get(routes, "/api/analytics/models", ["store_id": "S1"]).1["runs"] as? [[String: Any]])
        #expect(runs.count == 2)
        #expect(runs.map { ($0["mae"] as? NSNumber)?.doubleValue } == [1.5, 2.5])  // S1's two products, per run
        #expect(runs.map { ($0["series"] as? NSNumber)?.intValue } == [2, 2])

        let filters = try await Self.get(routes, "/api/analytics/filters").1
        #expect((filters["stores"] as? [[String: Any]])?.map { $0["id"] as? String } == ["S1", "S2"])
        #expect((filters["products"] as? [[String: Any]])?.map { $0["id"] as? String } == ["P1", "P2"])
        #expect(filters["first_sale"] as? String == Self.date(0))
        #expect(filters["last_forecast"] as? String == Self.date(49))
    }

    @Test func badParametersAreRefusedNamingTheParameter() async throws {
        let (routes, _) = try await Self.filled()
        let cases: [(String, [String: String], String)] = [
            ("/api/analytics/forecast", ["product_id": "P1"], "parameter 'store_id' is required"),
            ("/api/analytics/forecast", ["store_id": "S1", "product_id": "P1", "from": "2024-13-01"], "from '2024-13-01' is not a date"),
            ("/api/analytics/forecast", ["store_id": "S1", "product_id": "P1", "from": "2024/03/01"], "from '2024/03/01' is not a date"),
            ("/api/analytics/forecast", ["store_id": "S9", "product_id": "P1"], "store_id \"S9\" is not in dim_store"),
            ("/api/analytics/totals", ["from": "2024-03-05", "to": "2024-03-01"], "from '2024-03-05' is after to '2024-03-01'"),
            ("/api/analytics/totals", ["store": "S1"], "unknown parameter 'store'"),
            ("/api/analytics/mentions", ["limit": "0"], "limit '0' is not a whole number"),
            ("/api/analytics/sentiment", ["product_id": "x'; DROP TABLE fact_sales_daily; --"], "is not in dim_product"),
        ]
        for (path, query, message) in cases {
            let (status, document) = try await Self.get(routes, path, query)
            #expect(status == 400, "\(path) \(query)")
            #expect((document["error"] as? String)?.contains(message) == true, "\(document)")
        }
    }

    @Test func theReaderCannotWriteAndSaysWhenTheWarehouseIsMissing() async throws {
        let (_, database) = try await Self.filled()
        let analytics = WarehouseAnalytics(path: database, stage: "db")
        await #expect(throws: SQLiteError.self) { try await analytics.rows("DELETE FROM fact_sales_daily", []) }
        #expect(try SQLiteShell.query(database, "SELECT count(*) FROM fact_sales_daily") == "160")
        let missing = WarehouseAnalytics(path: PipelineHarness.temporaryDirectory() + "/none.db", stage: "db")
        let response = await missing.answer(.totals, [:])
        #expect(response.status == 503)
        #expect(response.body.contains("no data yet"))
    }
}
