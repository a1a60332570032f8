import Foundation

/// Runs the built `retail-edge` binary as a user would.
struct Agent {
    /// `$RETAIL_EDGE_BIN`, or the debug build next to the package.
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["RETAIL_EDGE_BIN"] { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/retail-edge").path
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs to completion and captures output.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = start(arguments, environment: environment)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let (stdout, stderr) = readBoth(out, err)
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs another program to completion and captures its output.
    static func execute(_ executable: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let (stdout, stderr) = readBoth(out, err)
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Reads two pipes to their ends at once, so a child that fills one while the other is
    /// being read never blocks.
    static func readBoth(_ out: Pipe, _ err: Pipe) -> (Data, Data) {
        nonisolated(unsafe) var stderr = Data()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            stderr = err.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        return (stdout, stderr)
    }

    /// A configured, not yet started process (output discarded).
    static func start(_ arguments: [String], environment: [String: String] = [:]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }

    /// Starts `arguments` up to `attempts` times and kills each run with SIGKILL after a random
    /// delay in `delays`, until a run finishes first; returns how many runs were killed.
    static func killRepeatedly(_ arguments: [String], environment: [String: String] = [:], attempts: Int, delays: ClosedRange<Double>) throws -> Int {
        var kills = 0
        for _ in 0..<attempts {
            let process = start(arguments, environment: environment)
            try process.run()
            Thread.sleep(forTimeInterval: Double.random(in: delays))
            guard process.isRunning else {
                process.waitUntilExit()
                break
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            kills += 1
        }
        return kills
    }

    /// Waits until `condition` holds, checking every 100 ms for at most `seconds`.
    static func eventually(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try condition()
    }

    /// Rows of a query, from the sqlite3 shell, one string per row.
    static func query(_ database: String, _ sql: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, sql]
        process.standardError = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "/retail-edge-it-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The pipeline the integration tests run: CSV → daily sales → SQLite.
    static func pipeline(directory: String, checkpointInterval: String = "10s", batchRows: Int = 8192) -> String {
        """
        data_dir: \(directory)/state
        checkpoint_interval: \(checkpointInterval)
        sources:
          transactions:
            type: csv
            path: \(directory)/tx
            batch_rows: \(batchRows)
            columns: { ts: timestamp, store_id: string, product_id: string, units: int, unit_price: double }
        transforms:
          daily:
            type: aggregate_sales
            inputs: [transactions]
        sinks:
          db:
            type: sqlite
            inputs: [daily]
            path: \(directory)/retail.db
        """
    }
}
