import Foundation
import Testing

/// The build says what it is: `--version` and `/metrics` name the version and the git commit
/// the binary was built from (GitCommitPlugin), never a stale one.
@Suite("Build info", .serialized)
struct BuildInfoTests {
    /// `git rev-parse --short=12 HEAD` of the package, or "unknown" where git cannot tell.
    static let headCommit: String = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", Agent.packageRoot, "rev-parse", "--short=12", "HEAD"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "unknown" }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? output.trimmingCharacters(in: .whitespacesAndNewlines) : "unknown"
    }()

    /// `retail-edge 0.1.0 (abc123def456)` split into version and commit.
    static func versionLine() throws -> (version: String, commit: String) {
        let result = try Agent.run(["--version"])
        #expect(result.status == 0)
        let line = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = line.split(separator: " ")
        try #require(parts.count == 3 && parts[0] == "retail-edge", "\(line)")
        try #require(parts[2].hasPrefix("(") && parts[2].hasSuffix(")"), "\(line)")
        return (String(parts[1]), String(parts[2].dropFirst().dropLast()))
    }

    @Test func versionNamesTheCommitTheBinaryWasBuiltFrom() throws {
        let (version, commit) = try Self.versionLine()
        #expect(version.split(separator: ".").count == 3 && version.split(separator: ".").allSatisfy { Int($0) != nil }, "\(version)")
        #expect(commit == Self.headCommit)
    }

    @Test func metricsCarryBuildInfoWithHelp() throws {
        let (version, commit) = try Self.versionLine()
        let directory = Agent.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/tx", withIntermediateDirectories: true)
        let port = StatusAPITests.freePort()
        let yaml = "api: { listen: 127.0.0.1:\(port) }\nshutdown_timeout: 2s\n" + Agent.pipeline(directory: directory)
        try yaml.write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let agent = Agent.start(["run", directory + "/p.yaml"])
        try agent.run()
        defer { agent.terminate(); agent.waitUntilExit() }
        let deadline = Date().addingTimeInterval(30)
        var metrics = (0, "")
        while metrics.0 != 200, Date() < deadline {
            metrics = StatusAPITests.get("http://127.0.0.1:\(port)/metrics")
            if metrics.0 != 200 { Thread.sleep(forTimeInterval: 0.1) }
        }
        let lines = metrics.1.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("# HELP retail_edge_build_info ") })
        #expect(lines.contains("# TYPE retail_edge_build_info gauge"))
        let sample = lines.filter { $0.hasPrefix("retail_edge_build_info{") }
        #expect(sample.count == 1, "\(metrics.1)")
        #expect(sample.first.map { $0.contains(#"version="\#(version)""#) && $0.contains(#"commit="\#(commit)""#) && $0.split(separator: " ").last.flatMap { Double($0) } == 1 } == true,
                "\(sample)")
    }
}
