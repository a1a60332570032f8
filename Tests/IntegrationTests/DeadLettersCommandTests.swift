import Foundation
import Testing

/// `retail-edge dead-letters list|export` on a demo run: the malformed rows with file and
/// line, and an export that, fixed and dropped back, lands every row.
@Suite("Dead letters command", .serialized)
struct DeadLettersCommandTests {
    /// The malformed rows of the demo files in `directory`, as `file:line` → raw text, and the
    /// count of good rows.
    static func malformedRows(in directory: String) throws -> (bad: [String: String], good: Int) {
        var bad: [String: String] = [:], good = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasSuffix(".csv") {
            let path = directory + "/" + name
            for (index, line) in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated().dropFirst() where !line.isEmpty {
                let f = line.split(separator: ",", omittingEmptySubsequences: false)
                if f.count == 5, Int(f[3]) != nil, Double(f[4]) != nil, !f[0].hasPrefix("2024-13") { good += 1 } else { bad["\(path):\(index + 1)"] = String(line) }
            }
        }
        return (bad, good)
    }

    /// The demo's bad rows, mended: a number for "two", a real month, the missing fields.
    static func mend(_ row: String) -> String {
        var f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if f[0].hasPrefix("2024-13-45") { f[0] = "2024-03-01" + f[0].dropFirst(10) }
        if f.count == 3 { f += ["1", "1.99"] }
        if f[3] == "two" { f[3] = "2" }
        if f[4].isEmpty { f[4] = "1.99" }
        return f.joined(separator: ",")
    }

    @Test func listShowsTheDemosMalformedRowsAndTheExportFixedReplaysThem() throws {
        let directory = Agent.temporaryDirectory()
        #expect(try Agent.run(["demo-data", "--out", directory + "/tx", "--stores", "2", "--products", "3", "--days", "40", "--bad-rows", "0.1"]).status == 0)
        let (bad, good) = try Self.malformedRows(in: directory + "/tx")
        try #require(bad.count > 5)
        try Agent.pipeline(directory: directory).write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        #expect(try Agent.run(["run", directory + "/p.yaml", "--once", "--quiet"]).status == 0)

        let list = try Agent.run(["dead-letters", "list", directory + "/p.yaml", "--stage", "transactions", "--limit", "100000", "--json"])
        #expect(list.status == 0, "\(list.stderr)")
        let letters = try list.stdout.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(Dictionary(uniqueKeysWithValues: letters.map { ($0["where"] as? String ?? "", $0["raw"] as? String ?? "") }) == bad)
        let offsets = letters.compactMap { $0["offset"] as? Int }
        #expect(offsets == offsets.sorted(by: >))
        #expect(letters.allSatisfy { ($0["reason"] as? String)?.isEmpty == false && $0["stage"] as? String == "transactions" })
        #expect(letters.contains { $0["column"] as? String == "units" && ($0["reason"] as? String)?.contains("invalid int") == true })

        let text = try Agent.run(["dead-letters", "list", directory + "/p.yaml", "--limit", "3"])
        #expect(text.status == 0)
        #expect(text.stdout.split(separator: "\n").count == 3)
        #expect(text.stderr.contains("transactions: more letters than shown"))
        let searched = try Agent.run(["dead-letters", "list", directory + "/p.yaml", "--search", "INVALID INT", "--json", "--limit", "100000"])
        #expect(searched.stdout.split(separator: "\n").count == bad.values.filter { $0.contains(",two,") }.count)
        let unknown = try Agent.run(["dead-letters", "list", directory + "/p.yaml", "--stage", "transaction"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no stage 'transaction'") && unknown.stderr.contains("did you mean 'transactions'?"))

        let export = try Agent.run(["dead-letters", "export", directory + "/p.yaml", "--stage", "transactions", "--out", directory + "/fix.csv"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stderr.contains("\(bad.count) rows of stage 'transactions'"))
        let exported = try String(contentsOfFile: directory + "/fix.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        let header = try String(contentsOfFile: directory + "/tx/" + (try FileManager.default.contentsOfDirectory(atPath: directory + "/tx").sorted()[0]), encoding: .utf8)
            .split(separator: "\n")[0]
        #expect(exported.first == String(header))
        #expect(exported.dropFirst().sorted() == bad.values.sorted())

        // The operator's fix, dropped back into the watched directory: every row lands.
        let fixed = ([String(header)] + exported.dropFirst().map(Self.mend)).joined(separator: "\n") + "\n"
        try fixed.write(toFile: directory + "/tx/zz-fixed.csv", atomically: true, encoding: .utf8)
        #expect(try Agent.run(["run", directory + "/p.yaml", "--once", "--quiet"]).status == 0)
        let lines = try Agent.query(directory + "/retail.db", "SELECT sum(lines) FROM fact_sales_daily").first.flatMap { Int($0) }
        #expect(lines == good + bad.count)
        let after = try Agent.run(["dead-letters", "list", directory + "/p.yaml", "--stage", "transactions", "--limit", "100000", "--json"])
        #expect(after.stdout.split(separator: "\n").count == bad.count)
    }

    @Test func exportRefusesFilesWithDifferentHeadersAndNamesThem() throws {
        let directory = Agent.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/tx", withIntermediateDirectories: true)
        try "ts,store_id,product_id,units,unit_price\n2024-03-01T10:00:00,S1,P1,two,1.5\n".write(toFile: directory + "/tx/a.csv", atomically: true, encoding: .utf8)
        try "store_id,product_id,ts,unit_price,units\nS1,P1,2024-03-01T10:00:00,1.5,three\n".write(toFile: directory + "/tx/b.csv", atomically: true, encoding: .utf8)
        try Agent.pipeline(directory: directory).write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        #expect(try Agent.run(["run", directory + "/p.yaml", "--once", "--quiet"]).status == 0)

        let refused = try Agent.run(["dead-letters", "export", directory + "/p.yaml", "--stage", "transactions"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("\(directory)/tx/a.csv with header 'ts,store_id,product_id,units,unit_price'"))
        #expect(refused.stderr.contains("\(directory)/tx/b.csv with header 'store_id,product_id,ts,unit_price,units'"))
        #expect(refused.stderr.contains("--file"))
        let one = try Agent.run(["dead-letters", "export", directory + "/p.yaml", "--stage", "transactions", "--file", "b.csv"])
        #expect(one.status == 0)
        #expect(one.stdout == "store_id,product_id,ts,unit_price,units\nS1,P1,2024-03-01T10:00:00,1.5,three\n")
        let nothing = try Agent.run(["dead-letters", "export", directory + "/p.yaml", "--stage", "daily"])
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("stage 'daily' has no dead letters"))
    }
}
