import Foundation
import Testing

@Suite("systemd notify protocol", .serialized)
struct SystemdNotifyTests {
    @Test func readyWatchdogAndStoppingArriveInOrder() throws {
        let directory = Agent.temporaryDirectory()
        #expect(try Agent.run(["demo-data", "--out", directory + "/tx", "--stores", "2", "--products", "3", "--days", "20"]).status == 0)
        try Agent.pipeline(directory: directory).write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let listener = try NotifyListener()
        let agent = Agent.start(["run", directory + "/p.yaml"], environment: ["NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "200000"])
        try agent.run()
        let running = listener.receive(until: Date().addingTimeInterval(20)) { messages in
            messages.filter { $0.1.contains("WATCHDOG=1") }.count >= 6
        }
        agent.terminate()
        let stopping = listener.receive(until: Date().addingTimeInterval(10)) { messages in
            messages.contains { $0.1.contains("STOPPING=1") }
        }
        agent.waitUntilExit()
        #expect(agent.terminationStatus == 0)

        let first = try #require(running.first)
        #expect(first.1.hasPrefix("READY=1\nSTATUS="))
        let pings = running.filter { $0.1.contains("WATCHDOG=1") }.map(\.0)
        #expect(pings.count >= 6)
        // Every half of WATCHDOG_USEC (100 ms), allowing for a loaded machine.
        let gaps = zip(pings.dropFirst(), pings).map { $0.timeIntervalSince($1) }
        let mean = gaps.reduce(0, +) / Double(gaps.count)
        #expect(mean > 0.07 && mean < 0.2, "mean gap \(mean)")
        #expect(stopping.contains { $0.1.hasPrefix("STOPPING=1") })
        #expect(!running.contains { $0.1.contains("STOPPING") })
    }

    @Test func noNotifySocketMeansNoNotifications() throws {
        let directory = Agent.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/tx", withIntermediateDirectories: true)
        try Agent.pipeline(directory: directory).write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let result = try Agent.run(["run", "--once", directory + "/p.yaml"], environment: ["NOTIFY_SOCKET": ""])
        #expect(result.status == 0)
    }
}
