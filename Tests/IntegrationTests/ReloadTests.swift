import Foundation
import Testing

/// SIGHUP reloads: a valid new configuration takes over from the checkpoint, a broken one is
/// refused while the running pipeline keeps going; nothing is lost or counted twice.
@Suite("Reload on SIGHUP", .serialized)
struct ReloadTests {
    struct Setup {
        let directory: String
        let listener: NotifyListener
        let agent: Process

        func count(_ db: String = "retail.db") -> Int {
            (try? Agent.query(directory + "/" + db, "SELECT count(*) FROM fact_sales_daily").first.flatMap { Int($0) }) ?? 0
        }

        func waitFor(_ condition: () -> Bool) {
            let deadline = Date().addingTimeInterval(30)
            while !condition(), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        }

        /// Sends SIGHUP and waits for RELOADING=1 followed by READY=1; returns the messages.
        @discardableResult
        func reload() -> [(Date, String)] {
            kill(agent.processIdentifier, SIGHUP)
            return listener.receive(until: Date().addingTimeInterval(30)) { messages in
                messages.contains { $0.1.hasPrefix("RELOADING=1") } && messages.last.map { $0.1.hasPrefix("READY=1") } == true
            }
        }

        /// Writes `config`, sends SIGHUP and returns the READY=1 status that reports the refusal.
        func refusedReload(_ config: String) throws -> String? {
            try config.write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
            kill(agent.processIdentifier, SIGHUP)
            let refusal = { (message: (Date, String)) in message.1.hasPrefix("READY=1") && message.1.contains("reload failed") }
            return listener.receive(until: Date().addingTimeInterval(30)) { $0.contains(where: refusal) }.first(where: refusal)?.1
        }

        /// February arrives and is counted by the graph that kept running; then a clean stop.
        func expectTheRunningGraphGoesOn() throws {
            try addMonth("02")
            let expected = try expectedRows(["01", "02"])
            waitFor { count() == expected }
            #expect(count() == expected)
            agent.terminate()
            agent.waitUntilExit()
            #expect(agent.terminationStatus == 0)
        }

        func addMonth(_ month: String) throws {
            try FileManager.default.copyItem(atPath: "\(directory)/all/transactions-2024-\(month).csv", toPath: "\(directory)/tx/transactions-2024-\(month).csv")
        }

        /// Totals straight from the files under all/ for the months given.
        func expectedRows(_ months: [String]) throws -> Int {
            var keys = Set<String>()
            for month in months {
                let text = try String(contentsOfFile: "\(directory)/all/transactions-2024-\(month).csv", encoding: .utf8)
                for line in text.split(separator: "\n").dropFirst() {
                    let f = line.split(separator: ",")
                    keys.insert("\(f[0].prefix(10))|\(f[1])|\(f[2])")
                }
            }
            return keys.count
        }
    }

    func start() throws -> Setup {
        let directory = Agent.temporaryDirectory()
        #expect(try Agent.run(["demo-data", "--out", directory + "/all", "--stores", "3", "--products", "5", "--days", "91"]).status == 0)
        try FileManager.default.createDirectory(atPath: directory + "/tx", withIntermediateDirectories: true)
        try Agent.pipeline(directory: directory, checkpointInterval: "100ms").write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let listener = try NotifyListener()
        let agent = Agent.start(["run", directory + "/p.yaml"], environment: ["NOTIFY_SOCKET": listener.path])
        FileManager.default.createFile(atPath: directory + "/agent.log", contents: nil)
        agent.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/agent.log"))
        let setup = Setup(directory: directory, listener: listener, agent: agent)
        try setup.addMonth("01")
        try agent.run()
        let ready = listener.receive(until: Date().addingTimeInterval(30)) { $0.contains { $0.1.hasPrefix("READY=1") } }
        #expect(ready.contains { $0.1.hasPrefix("READY=1") })
        setup.waitFor { setup.count() > 0 }
        return setup
    }

    @Test func aChangedConfigurationTakesOverWithoutLosingRecords() throws {
        let setup = try start()
        let january = try setup.expectedRows(["01"])
        setup.waitFor { setup.count() == january }
        #expect(setup.count() == january)
        // Add a second sink, then reload: the rest of the graph is kept.
        let changed = Agent.pipeline(directory: setup.directory, checkpointInterval: "100ms") + """

              archive:
                type: sqlite
                inputs: [daily]
                path: \(setup.directory)/archive.db
            """
        try changed.write(toFile: setup.directory + "/p.yaml", atomically: true, encoding: .utf8)
        let messages = setup.reload()
        let reloading = try #require(messages.firstIndex { $0.1.hasPrefix("RELOADING=1") })
        #expect(messages[reloading].1.contains("MONOTONIC_USEC="))
        #expect(messages[(reloading + 1)...].contains { $0.1.hasPrefix("READY=1") })
        try setup.addMonth("02")
        try setup.addMonth("03")
        let all = try setup.expectedRows(["01", "02", "03"])
        setup.waitFor { setup.count() == all && setup.count("archive.db") == all - january }
        setup.agent.terminate()
        setup.agent.waitUntilExit()
        #expect(setup.agent.terminationStatus == 0)
        #expect(setup.count() == all)
        #expect(setup.count("archive.db") == all - january)
        let lines = try Agent.query(setup.directory + "/retail.db", "SELECT sum(lines) FROM fact_sales_daily").first
        let expectedLines = try ["01", "02", "03"].reduce(0) { sum, month in
            sum + (try String(contentsOfFile: "\(setup.directory)/all/transactions-2024-\(month).csv", encoding: .utf8)).split(separator: "\n").count - 1
        }
        #expect(lines == String(expectedLines))
        let log = try String(contentsOfFile: setup.directory + "/agent.log", encoding: .utf8)
        #expect(log.contains("plan=\"kept transactions,daily,db; rebuilt -; added archive; removed -\""), "\(log)")
    }

    @Test func aRemovedSinkStopsReceivingAndTheRestContinues() throws {
        let setup = try start()
        let january = try setup.expectedRows(["01"])
        setup.waitFor { setup.count() == january }
        let twoSinks = Agent.pipeline(directory: setup.directory, checkpointInterval: "100ms") + """

              archive:
                type: sqlite
                inputs: [daily]
                path: \(setup.directory)/archive.db
            """
        try twoSinks.write(toFile: setup.directory + "/p.yaml", atomically: true, encoding: .utf8)
        setup.reload()
        try setup.addMonth("02")
        let february = try setup.expectedRows(["01", "02"])
        setup.waitFor { setup.count() == february && setup.count("archive.db") == february - january }
        #expect(setup.count("archive.db") == february - january)
        // Remove the archive again.
        try Agent.pipeline(directory: setup.directory, checkpointInterval: "100ms").write(toFile: setup.directory + "/p.yaml", atomically: true, encoding: .utf8)
        setup.reload()
        try setup.addMonth("03")
        let all = try setup.expectedRows(["01", "02", "03"])
        setup.waitFor { setup.count() == all }
        setup.agent.terminate()
        setup.agent.waitUntilExit()
        #expect(setup.agent.terminationStatus == 0)
        #expect(setup.count() == all)
        #expect(setup.count("archive.db") == february - january)
    }

    @Test func aNewConfigurationThatCannotStartIsRolledBack() throws {
        let setup = try start()
        let january = try setup.expectedRows(["01"])
        setup.waitFor { setup.count() == january }
        // The "database" is a CSV file: SQLite refuses it for good (not a database), so the new
        // graph cannot start and the running one comes back.
        let unusable = Agent.pipeline(directory: setup.directory, checkpointInterval: "100ms")
            .replacingOccurrences(of: "path: \(setup.directory)/retail.db", with: "path: \(setup.directory)/all/transactions-2024-03.csv")
        try unusable.write(toFile: setup.directory + "/p.yaml", atomically: true, encoding: .utf8)
        kill(setup.agent.processIdentifier, SIGHUP)
        let messages = setup.listener.receive(until: Date().addingTimeInterval(30)) { messages in
            messages.contains { $0.1.hasPrefix("READY=1") && $0.1.contains("failed to start") }
        }
        #expect(messages.contains { $0.1.hasPrefix("READY=1") && $0.1.contains("reload failed: new configuration failed to start") })
        try setup.addMonth("02")
        let expected = try setup.expectedRows(["01", "02"])
        setup.waitFor { setup.count() == expected }
        setup.agent.terminate()
        setup.agent.waitUntilExit()
        #expect(setup.agent.terminationStatus == 0)
        #expect(setup.count() == expected)
    }

    @Test func aNewTimeZoneIsRefusedByReloadBecauseItWouldSplitCountedDays() throws {
        let setup = try start()
        let january = try setup.expectedRows(["01"])
        setup.waitFor { setup.count() == january }
        let status = try setup.refusedReload("timezone: Asia/Tokyo\n" + Agent.pipeline(directory: setup.directory, checkpointInterval: "100ms"))
        #expect(status?.contains("Asia/Tokyo") == true)
        // The running graph keeps its zone and goes on.
        try setup.expectTheRunningGraphGoesOn()
        let log = try String(contentsOfFile: setup.directory + "/agent.log", encoding: .utf8)
        #expect(log.contains("reload refused") && log.contains("days already counted would split"))
    }

    @Test func aBrokenConfigurationIsRefusedAndTheOldGraphKeepsRunning() throws {
        let setup = try start()
        #expect(try setup.refusedReload("sources:\n  tx: { type: csvv }\n") != nil)
        try setup.expectTheRunningGraphGoesOn()
    }
}

@Suite("Reload under load", .serialized)
struct ReloadUnderLoadTests {
    @Test func repeatedReloadsWhileIngestingLoseAndDuplicateNothing() throws {
        let data = Agent.temporaryDirectory()
        #expect(try Agent.run(["demo-data", "--out", data, "--stores", "4", "--products", "10", "--days", "240"]).status == 0)
        // The reference: one uninterrupted run.
        let clean = Agent.temporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: clean + "/tx", withDestinationPath: data)
        try Agent.pipeline(directory: clean).write(toFile: clean + "/p.yaml", atomically: true, encoding: .utf8)
        #expect(try Agent.run(["run", "--once", clean + "/p.yaml"]).status == 0)
        let expected = try Agent.query(clean + "/retail.db", "SELECT * FROM fact_sales_daily ORDER BY 1, 2, 3")

        let directory = Agent.temporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: directory + "/tx", withDestinationPath: data)
        let path = directory + "/p.yaml"
        try Agent.pipeline(directory: directory, checkpointInterval: "50ms", batchRows: 400).write(toFile: path, atomically: true, encoding: .utf8)
        let listener = try NotifyListener()
        let agent = Agent.start(["run", path], environment: ["NOTIFY_SOCKET": listener.path])
        try agent.run()
        _ = listener.receive(until: Date().addingTimeInterval(30)) { $0.contains { $0.1.hasPrefix("READY=1") } }
        // Reload with a different batch size each time, while rows are flowing.
        for round in 1...4 {
            Thread.sleep(forTimeInterval: 0.15)
            try Agent.pipeline(directory: directory, checkpointInterval: "50ms", batchRows: 400 + round * 37).write(toFile: path, atomically: true, encoding: .utf8)
            kill(agent.processIdentifier, SIGHUP)
            _ = listener.receive(until: Date().addingTimeInterval(30)) { messages in
                messages.contains { $0.1.hasPrefix("RELOADING=1") } && messages.last.map { $0.1.hasPrefix("READY=1") } == true
            }
        }
        let deadline = Date().addingTimeInterval(60)
        func dump() -> [String] { (try? Agent.query(directory + "/retail.db", "SELECT * FROM fact_sales_daily ORDER BY 1, 2, 3")) ?? [] }
        while dump() != expected, Date() < deadline { Thread.sleep(forTimeInterval: 0.3) }
        agent.terminate()
        agent.waitUntilExit()
        #expect(agent.terminationStatus == 0)
        #expect(dump() == expected)
    }
}
