import Foundation
import Testing

@Suite("End to end: CSV → daily sales → SQLite", .serialized)
struct EndToEndTests {
    /// Totals computed straight from the CSV files, independently of the agent.
    func expectedTotals(_ directory: String) throws -> (rows: [String: (units: Int, revenue: Double, lines: Int)], bad: Int) {
        var totals: [String: (units: Int, revenue: Double, lines: Int)] = [:]
        var bad = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                guard fields.count == 5, let units = Int(fields[3]), let price = Double(fields[4]),
                      fields[0].count == 19, let month = Int(fields[0].dropFirst(5).prefix(2)), (1...12).contains(month)
                else {
                    bad += 1
                    continue
                }
                let key = "\(fields[0].prefix(10))|\(fields[1])|\(fields[2])"
                let old = totals[key] ?? (0, 0, 0)
                totals[key] = (old.units + units, old.revenue + Double(units) * price, old.lines + 1)
            }
        }
        return (totals, bad)
    }

    @Test func goodRowsAreExactAndBadRowsAreDeadLettered() throws {
        let directory = Agent.temporaryDirectory()
        #expect(try Agent.run(["demo-data", "--out", directory + "/tx", "--stores", "3", "--products", "6", "--days", "70", "--bad-rows", "0.01"]).status == 0)
        try Agent.pipeline(directory: directory, batchRows: 1000).write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let result = try Agent.run(["run", "--once", directory + "/p.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("retail-edge: done in"))
        let (expected, bad) = try expectedTotals(directory + "/tx")
        let rows = try Agent.query(directory + "/retail.db", "SELECT date, store_id, product_id, units, revenue, lines FROM fact_sales_daily")
        #expect(rows.count == expected.count)
        for row in rows {
            let f = row.split(separator: "|").map(String.init)
            let want = try #require(expected["\(f[0])|\(f[1])|\(f[2])"])
            #expect(Double(f[3]) == Double(want.units))
            #expect(abs(Double(f[5])! - Double(want.lines)) == 0)
            #expect(abs(Double(f[4])! - want.revenue) < 1e-6)
        }
        let letters = try String(contentsOfFile: directory + "/state/dead_letter/transactions.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(bad > 0)
        #expect(letters.count == bad)
        #expect(letters.allSatisfy { $0.contains("\"line\":") && $0.contains("\"reason\":") && $0.contains("\"raw\":") })
    }

    @Test func sigtermDrainsAndTheNextRunContinues() throws {
        let directory = Agent.temporaryDirectory()
        #expect(try Agent.run(["demo-data", "--out", directory + "/all", "--stores", "3", "--products", "5", "--days", "60"]).status == 0)
        try FileManager.default.createDirectory(atPath: directory + "/tx", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: directory + "/all/transactions-2024-01.csv", toPath: directory + "/tx/transactions-2024-01.csv")
        try Agent.pipeline(directory: directory, checkpointInterval: "200ms").write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let daemon = Agent.start(["run", directory + "/p.yaml"])
        try daemon.run()
        // Wait for January to land, then drop February in while it runs.
        let deadline = Date().addingTimeInterval(60)
        func count() -> Int { (try? Agent.query(directory + "/retail.db", "SELECT count(*) FROM fact_sales_daily").first.flatMap { Int($0) }) ?? 0 }
        while count() == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        let january = count()
        #expect(january > 0)
        try FileManager.default.copyItem(atPath: directory + "/all/transactions-2024-02.csv", toPath: directory + "/tx/transactions-2024-02.csv")
        while count() == january, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        daemon.terminate()
        daemon.waitUntilExit()
        #expect(daemon.terminationReason == .exit)
        #expect(daemon.terminationStatus == 0)
        let (expected, _) = try expectedTotals(directory + "/all")
        #expect(count() == expected.count)
        // A second run finds nothing new and changes nothing.
        let again = try Agent.run(["run", "--once", directory + "/p.yaml"])
        #expect(again.status == 0)
        #expect(again.stderr.contains("0 rows in"))
        #expect(count() == expected.count)
    }
}
