import Foundation
import Testing

/// The shipped units must verify cleanly. systemd-analyze exits 0 on unknown keys and bad
/// values and only prints them, so any output is a failure; it also needs ExecStart's binary
/// to exist, so the units are checked as copies pointing at the built binary.
@Suite("systemd units", .serialized)
struct SystemdUnitTests {
    static let units = ["retail-edge.service", "retail-edge@.service", "retail-edge-run@.service", "retail-edge-run@.timer"]

    func copies() throws -> String {
        let directory = Agent.temporaryDirectory()
        for unit in Self.units {
            let text = try String(contentsOfFile: Agent.packageRoot + "/systemd/" + unit, encoding: .utf8)
            try text.replacingOccurrences(of: "/usr/local/bin/retail-edge", with: Agent.binary)
                .write(toFile: directory + "/" + unit, atomically: true, encoding: .utf8)
        }
        return directory
    }

    func analyze(_ arguments: [String], in directory: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func unitsVerifyWithoutAnyComplaint() throws {
        let directory = try copies()
        let instances = ["retail-edge.service", "retail-edge@retail.service", "retail-edge-run@retail.service", "retail-edge-run@retail.timer"]
        let result = try analyze(["verify"] + instances, in: directory)
        #expect(result.status == 0)
        #expect(result.output.isEmpty, "\(result.output)")
    }

    @Test func serviceExposureStaysLow() throws {
        let directory = try copies()
        let result = try analyze(["security", "--offline=true", "--no-pager", "retail-edge.service"], in: directory)
        let line = try #require(result.output.split(separator: "\n").first { $0.contains("Overall exposure level") })
        let score = try #require(line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) })
        #expect(score <= 1.5, "\(line)")
    }
}
