import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The analyst page of an agent running config/demo.yaml on demo data, in headless Chromium:
/// what its charts drew equals the database.
@Suite("Analyst page in a browser", .serialized)
struct AnalyticsPageTests {
    /// `[(key, numbers…)]` of the sqlite3 shell's `key|n|n…` lines.
    static func rows(_ database: String, _ sql: String) throws -> [(String, [Double])] {
        try Agent.query(database, sql).map { line in
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            return (fields[0], fields.dropFirst().map { Double($0) ?? .nan })
        }
    }

    /// `[(key, numbers…)]` of drawn points (`date` or `id`, then the named numbers).
    static func drawn(_ page: [String: Any], _ key: String, _ numbers: [String] = ["value"]) -> [(String, [Double])] {
        ((page[key] as? [[String: Any]]) ?? []).map { point in
            ((point["date"] ?? point["id"]) as? String ?? "", numbers.map { (point[$0] as? NSNumber)?.doubleValue ?? .nan })
        }
    }

    static func same(_ a: [(String, [Double])], _ b: [(String, [Double])]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            x.0 == y.0 && x.1.count == y.1.count && zip(x.1, y.1).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($0)) }
        }
    }

    /// A POST: its status.
    static func post(_ url: String) -> Int {
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var status = 0
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "POST"
        request.timeoutInterval = 5
        URLSession.shared.dataTask(with: request) { _, response, _ in
            status = (response as? HTTPURLResponse)?.statusCode ?? 0
            semaphore.signal()
        }.resume()
        semaphore.wait()
        return status
    }

    @Test func theChartsDrawTheDatabasesValues() throws {
        let directory = Agent.temporaryDirectory()
        let demo = try Agent.run(["demo-data", "--out", directory + "/transactions", "--stores", "2", "--products", "4", "--days", "120",
                                  "--tweets-out", directory + "/tweets", "--tweets", "400", "--catalog", Agent.packageRoot + "/config/catalog.yaml"])
        try #require(demo.status == 0, "\(demo.stderr)")
        let port = StatusAPITests.freePort()
        let yaml = "api: { listen: 127.0.0.1:\(port) }\nshutdown_timeout: 2s\n" + (try String(contentsOfFile: Agent.packageRoot + "/config/demo.yaml", encoding: .utf8))
            .replacingOccurrences(of: "${DEMO_DIR:-.demo}", with: directory)
            .replacingOccurrences(of: "catalog: config/catalog.yaml", with: "catalog: \(Agent.packageRoot)/config/catalog.yaml")
        try yaml.write(toFile: directory + "/demo.yaml", atomically: true, encoding: .utf8)
        // Fill the warehouse, then serve it: the database holds still while the page is read.
        let once = try Agent.run(["run", directory + "/demo.yaml", "--once"])
        try #require(once.status == 0, "\(once.stderr)")
        let agent = Agent.start(["run", directory + "/demo.yaml"])
        try agent.run()
        defer { agent.terminate(); agent.waitUntilExit() }
        let base = "http://127.0.0.1:\(port)"
        #expect(Agent.eventually(30) { StatusAPITests.get(base + "/health").0 == 200 })
        #expect(StatusAPITests.get(base + "/").1.contains(#"<a href="/analytics">analytics</a>"#))
        #expect(Self.post(base + "/api/analytics/totals") != 200)
        #expect(StatusAPITests.get(base + "/api/analytics/forecast?store_id=S01&from=2024-02-30").0 == 400)

        let screenshot = Agent.packageRoot + "/.build/screenshots/analytics.png"
        try? FileManager.default.removeItem(atPath: screenshot)
        let page = try Agent.browse("analytics_page.py", [base + "/analytics?store_id=S01&product_id=P001", screenshot])
        #expect(page["title"] as? String == "retail-edge analytics")
        #expect(page["message"] as? String == "")
        #expect((page["external"] as? [Any])?.isEmpty == true)
        #expect(page["store"] as? String == "S01" && page["product"] as? String == "P001")
        #expect(!(page["text"] as? String ?? directory).contains(directory))
        #expect(FileManager.default.fileExists(atPath: screenshot))
        let from = try #require(page["from"] as? String), to = try #require(page["to"] as? String)

        let database = directory + "/retail.db"
        let pair = "store_id = 'S01' AND product_id = 'P001' AND date BETWEEN '\(from)' AND '\(to)'"
        let actual = try Self.rows(database, "SELECT date, units FROM fact_sales_daily WHERE \(pair) ORDER BY date")
        #expect(actual.count >= 60)
        #expect(Self.same(Self.drawn(page, "actual"), actual))
        let forecast = try Self.rows(database, "SELECT date, yhat, yhat_lower, yhat_upper FROM fact_forecast WHERE \(pair) ORDER BY date")
        #expect(forecast.count == 30)
        #expect(Self.same(Self.drawn(page, "forecast", ["value", "lower", "upper"]), forecast))
        #expect(page["band"] as? Int == 30)
        #expect((page["backtest"] as? String)?.contains("MAE") == true)
        #expect(Self.same(Self.drawn(page, "totals"), try Self.rows(database, "SELECT date, SUM(units) FROM fact_sales_daily WHERE date BETWEEN '\(from)' AND '\(to)' GROUP BY date ORDER BY date")))
        let sentiment = try Self.rows(database, "SELECT date, mean_score FROM v_sentiment_vs_sales WHERE product_id = 'P001' AND mean_score IS NOT NULL AND date BETWEEN '\(from)' AND '\(to)' ORDER BY date")
        #expect(!sentiment.isEmpty)
        #expect(Self.same(Self.drawn(page, "sentiment"), sentiment))
        #expect(Self.same(Self.drawn(page, "sales"), try Self.rows(database, "SELECT date, SUM(units) FROM fact_sales_daily WHERE product_id = 'P001' AND date BETWEEN '\(from)' AND '\(to)' GROUP BY date ORDER BY date")))
        let mentioned = try Self.rows(database, """
            SELECT entity_id, COUNT(*) AS n FROM fact_tweet_entity WHERE entity_type = 'PRODUCT'
              AND tweet_id IN (SELECT tweet_id FROM fact_tweet WHERE created_date BETWEEN '\(from)' AND '\(to)')
            GROUP BY entity_id ORDER BY n DESC, entity_id LIMIT 10
            """)
        #expect(!mentioned.isEmpty)
        #expect(Self.same(Self.drawn(page, "products"), mentioned))
        let runs = try Self.rows(database, "SELECT trained_at, AVG(mae) FROM fact_model_metrics WHERE store_id = 'S01' AND product_id = 'P001' AND mae IS NOT NULL GROUP BY trained_at, model ORDER BY trained_at, model")
        #expect(!runs.isEmpty)
        #expect(Self.same(Self.drawn(page, "runs"), runs))
    }
}
