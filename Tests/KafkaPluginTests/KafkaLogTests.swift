import EdgeCoreTesting
import Logging
import Testing
@testable import KafkaPlugin

@Suite("librdkafka log lines")
struct KafkaLogTests {
    @Test func aRepeatedLineIsWrittenOncePerIntervalWithTheCountLeftOut() async throws {
        let lines = CapturingLogHandler.Lines()
        let log = KafkaLog(logger: CapturingLogHandler.logger(lines), interval: .milliseconds(300))
        for attempt in 0..<50 {
            log.write(level: 3, facility: "FAIL", line: "127.0.0.1:9092/bootstrap: Connect to ipv4#127.0.0.1:9092 failed: Connection refused (after \(attempt)ms in state CONNECT)")
        }
        log.write(level: 3, facility: "ERROR", line: "1/1 brokers are down")
        log.write(level: 7, facility: "CGRP", line: "debug line")
        log.write(level: 7, facility: "CGRP", line: "debug line")
        #expect(lines.all.map(\.message) == [
            "127.0.0.1:9092/bootstrap: Connect to ipv4#127.0.0.1:9092 failed: Connection refused (after 0ms in state CONNECT)",
            "1/1 brokers are down", "debug line", "debug line",
        ])
        #expect(lines.all.map(\.level) == [.error, .error, .debug, .debug])
        try await Task.sleep(for: .milliseconds(350))
        log.write(level: 3, facility: "FAIL", line: "127.0.0.1:9092/bootstrap: Connect to ipv4#127.0.0.1:9092 failed: Connection refused (after 9ms in state CONNECT)")
        #expect(lines.all.last?.message == "127.0.0.1:9092/bootstrap: Connect to ipv4#127.0.0.1:9092 failed: Connection refused (after 9ms in state CONNECT) (and 49 more like it)")
    }

    @Test func syslogLevelsMapToTheAgentsLevels() {
        #expect((0...7).map { KafkaLog.level(Int32($0)) } == [.error, .error, .error, .error, .warning, .notice, .info, .debug])
    }
}
