import Foundation

/// A `retail-edge run` left running in the background (spawned like a daemon, with the test
/// process's environment), its output in a log file.
final class RunningAgent {
    let pid: pid_t
    let log: String
    private var status: Int32?

    init(_ arguments: [String], log: String, environment: [String: String] = [:]) {
        self.log = log
        pid = Daemon.start([Agent.binary] + arguments, log: log, environment: environment)
    }

    deinit { if status == nil { Daemon.stop(pid) } }

    /// What it has logged so far.
    var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    var isRunning: Bool {
        guard status == nil else { return false }
        var raw: Int32 = 0
        guard waitpid(pid, &raw, WNOHANG) == pid else { return true }
        status = Self.exitStatus(raw)
        return false
    }

    /// Sends SIGTERM and waits for the exit; returns the exit code (128 + signal if killed).
    func stop(timeout: Double = 60) -> Int32 {
        if let status { return status }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(timeout)
        var raw: Int32 = 0
        while waitpid(pid, &raw, WNOHANG) == 0 {
            if Date() > deadline { kill(pid, SIGKILL) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        status = Self.exitStatus(raw)
        return status ?? -1
    }

    private static func exitStatus(_ raw: Int32) -> Int32 {
        raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
    }
}
