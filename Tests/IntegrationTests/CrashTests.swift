import Foundation
import Testing

/// kill -9 at random moments, restart, and the database must end exactly as after an
/// uninterrupted run: no row lost, none counted twice, each dead letter written once.
@Suite("Crash: kill -9 and restart", .serialized)
struct CrashTests {
    func dump(_ directory: String) throws -> [String] {
        try Agent.query(directory + "/retail.db", "SELECT date, store_id, product_id, units, revenue, lines FROM fact_sales_daily ORDER BY 1, 2, 3")
    }

    /// Dead letters without their wall-clock time.
    func letters(_ directory: String) throws -> [String] {
        let text = (try? String(contentsOfFile: directory + "/state/dead_letter/transactions.jsonl", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { line in
            line.replacingOccurrences(of: #","time":"[^"]*""#, with: "", options: .regularExpression)
        }
    }

    @Test func killNineAtRandomMomentsLosesAndDuplicatesNothing() throws {
        let data = Agent.temporaryDirectory()
        #expect(try Agent.run(["demo-data", "--out", data, "--stores", "4", "--products", "10", "--days", "365", "--bad-rows", "0.002"]).status == 0)

        let clean = Agent.temporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: clean + "/tx", withDestinationPath: data)
        try Agent.pipeline(directory: clean, checkpointInterval: "30ms", batchRows: 500).write(toFile: clean + "/p.yaml", atomically: true, encoding: .utf8)
        let started = Date()
        #expect(try Agent.run(["run", "--once", clean + "/p.yaml"]).status == 0)
        let cleanSeconds = Date().timeIntervalSince(started)
        let expected = try dump(clean)
        #expect(expected.count > 1000)

        let crashed = Agent.temporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: crashed + "/tx", withDestinationPath: data)
        try Agent.pipeline(directory: crashed, checkpointInterval: "30ms", batchRows: 500).write(toFile: crashed + "/p.yaml", atomically: true, encoding: .utf8)
        let kills = try Agent.killRepeatedly(["run", "--once", "--quiet", crashed + "/p.yaml"], attempts: 40, delays: 0.05...max(0.1, cleanSeconds * 0.3))
        let final = try Agent.run(["run", "--once", crashed + "/p.yaml"])
        #expect(final.status == 0, "\(final.stderr)")
        #expect(kills >= 3, "the runs finished before they could be killed")
        #expect(try dump(crashed) == expected)
        let cleanLetters = try letters(clean)
        #expect(!cleanLetters.isEmpty)
        #expect(try letters(crashed).map { $0.replacingOccurrences(of: crashed, with: clean) } == cleanLetters)
    }
}
