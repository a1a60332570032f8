import Foundation
import Testing

/// The dead-letter page as a person sees it, in headless Chromium driven by Selenium (offline),
/// against a running agent with the demo data: its malformed rows with file and line, newest
/// first, and a search. Writes `.build/screenshots/dead-letters.png`.
@Suite("Dead-letter page in a browser", .serialized)
struct DeadLettersPageBrowserTests {
    @Test func thePageListsTheDemosMalformedRowsWithFileAndLine() throws {
        let (agent, _, bad) = try StatusAPITests().start()
        defer { agent.stop() }
        let malformed = try DeadLettersCommandTests.malformedRows(in: agent.directory + "/tx").bad
        try #require(malformed.count == bad && bad > 0)
        // The letters as the agent wrote them, newest last.
        let file = agent.directory + "/state/dead_letter/transactions.jsonl"
        var written: [[String: Any]] = []
        _ = Agent.eventually(30) {
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            written = text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            return written.count == bad
        }
        let wheres = written.map { "\($0["file"] as? String ?? ""):\($0["line"] as? Int ?? 0)" }
        #expect(Set(wheres) == Set(malformed.keys))

        let screenshot = Agent.packageRoot + "/.build/screenshots/dead-letters.png"
        try? FileManager.default.removeItem(atPath: screenshot)
        let page = try Agent.browse("dead_letters_page.py", [agent.base + "/dead-letters", "TWO", screenshot])
        #expect(page["title"] as? String == "retail-edge dead letters")
        #expect(page["stages"] as? [String] == ["transactions", "daily", "db"])
        #expect(page["selected"] as? String == "transactions")
        #expect((page["external"] as? [Any])?.isEmpty == true)
        let rows = try #require(page["rows"] as? [[String: Any]])
        // Newest first, the first page's hundred at most.
        #expect(rows.map { $0["where"] as? String ?? "" } == Array(wheres.reversed().prefix(100)))
        for row in rows {
            let location = row["where"] as? String ?? ""
            #expect(row["raw"] as? String == malformed[location])
            #expect(row["stage"] as? String == "transactions")
            #expect((row["reason"] as? String)?.isEmpty == false)
            #expect((row["time"] as? String)?.isEmpty == false)
        }
        let searched = try #require(page["searched"] as? [[String: Any]])
        let twos = wheres.reversed().filter { malformed[$0]?.contains(",two,") == true }.prefix(100)
        #expect(searched.map { $0["where"] as? String ?? "" } == Array(twos))
        #expect(searched.allSatisfy { $0["column"] as? String == "units" })
        #expect(FileManager.default.fileExists(atPath: screenshot))
    }
}
