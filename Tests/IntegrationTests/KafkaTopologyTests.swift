import Foundation
import Testing

/// `config/retail.yaml` as shipped — the original system's topology over Kafka — run as a
/// service against the test broker and the local Groq stand-in (Tests/groq/fake_groq.py).
@Suite("Kafka topology (config/retail.yaml)", .serialized)
struct KafkaTopologyTests {
    @Test func theShippedTopologyRunsEndToEnd() throws {
        let brokers = try #require(KafkaBridgeTests.brokers, "\(KafkaBridgeTests.unset)")
        let directory = Agent.temporaryDirectory()
        for topic in ["retail_transactions", "tweets", "retail_aggregated", "ner_results", "sentiment_results"] {
            #expect(try KafkaBridgeTests.script(["topic", topic, "3"]).status == 0)
        }
        let groqPort = StatusAPITests.freePort()
        let groq = try GroqTweetSourceTests.serve(groqPort, script: "", directory: directory)
        defer { Daemon.stop(groq) }

        // A till's export in the drop directory, with the catalogue's ids.
        try FileManager.default.createDirectory(atPath: directory + "/drop", withIntermediateDirectories: true)
        var lines = ["ts,store_id,product_id,units,unit_price"]
        var expected: [String: Int] = [:]
        for i in 0..<1200 {
            let (day, store, product, units) = (i % 20 + 1, String(format: "S%02d", i % 3 + 1), String(format: "P%03d", i % 7 + 1), i % 4 + 1)
            lines.append(String(format: "2024-06-%02dT11:00:00Z,%@,%@,%d,2.50", day, store, product, units))
            expected[String(format: "2024-06-%02d|%@|%@", day, store, product), default: 0] += units
        }
        try lines.joined(separator: "\n").write(toFile: directory + "/drop/tx.csv", atomically: true, encoding: .utf8)

        let agent = RunningAgent(["run", Agent.packageRoot + "/config/retail.yaml"], log: directory + "/agent.log", environment: [
            "STATE_DIRECTORY": directory + "/state", "RETAIL_EDGE_DROP": directory + "/drop", "RETAIL_EDGE_API": "127.0.0.1:59465",
            "RETAIL_EDGE_CATALOG": Agent.packageRoot + "/config/catalog.yaml", "KAFKA_BROKERS": brokers, "KAFKA_GROUP": "topology",
            "GROQ_API_KEY": "test-key", "GROQ_BASE_URL": "http://127.0.0.1:\(groqPort)/v1", "GROQ_TWEETS_PER_RUN": "20",
        ])
        let database = directory + "/state/retail.db"
        func rows(_ sql: String) -> [String] { (try? Agent.query(database, sql)) ?? [] }
        // Sales went CSV → retail_transactions → aggregate → SQLite, exactly.
        #expect(try Agent.eventually(120) { try KafkaClusterTests.units(directory) == expected }, "\(agent.output)")
        // Tweets went Groq → tweets → NER and sentiment → SQLite.
        #expect(Agent.eventually(120) {
            rows("SELECT count(*), count(sentiment) FROM fact_tweet") == ["20|20"] && rows("SELECT count(*) > 0 FROM fact_tweet_entity") == ["1"]
        }, "\(agent.output)")
        // Forecasts for every series.
        let series = Set(expected.keys.map { $0.split(separator: "|").dropFirst().joined(separator: "|") }).count
        #expect(Agent.eventually(120) { rows("SELECT count(DISTINCT store_id||'|'||product_id) FROM fact_forecast") == ["\(series)"] }, "\(agent.output)")
        #expect(agent.stop() == 0, "\(agent.output)")

        // And the results were published: the daily totals, the entities and the sentiments.
        #expect(KafkaClusterTests.finalTotals(try KafkaBridgeTests.consumeJSON(brokers, "retail_aggregated", expecting: expected.count)) == expected)
        let sentiments = try KafkaBridgeTests.consumeJSON(brokers, "sentiment_results", expecting: 20)
        #expect(Set(sentiments.compactMap { $0["tweet_id"] as? String }).count == 20)
        #expect(sentiments.allSatisfy { ["positive", "neutral", "negative"].contains($0["sentiment"] as? String ?? "") })
        let entities = try KafkaBridgeTests.consumeJSON(brokers, "ner_results", expecting: 1)
        #expect(!entities.isEmpty)
        #expect(entities.allSatisfy { $0["tweet_id"] is String })
    }
}
