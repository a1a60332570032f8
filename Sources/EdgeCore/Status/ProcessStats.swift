import Foundation
import Metrics

/// Figures about this process for `/metrics`.
enum ProcessStats {
    static let started = Date()
    /// The CPU seconds already added to `retail_edge_process_cpu_seconds_total`.
    private static let reportedCPUSeconds = LockedValue<Double>(0)

    /// Resident set size in bytes, from /proc/self/statm.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    static var uptimeSeconds: Double { Date().timeIntervalSince(started) }

    /// User plus system CPU time the process has used, in seconds, from /proc/self/stat
    /// (`utime` and `stime`, in clock ticks, after the command name in parentheses).
    static func cpuSeconds() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let end = text.lastIndex(of: ")") else { return 0 }
        // After ") ": state is field 3, so utime (14) and stime (15) are the 12th and 13th.
        let fields = text[text.index(after: end)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Brings `retail_edge_process_cpu_seconds_total` up to the CPU time used so far (a counter
    /// only grows, so it is advanced by the difference since the last scrape).
    static func recordCPU() {
        let used = cpuSeconds()
        let added = reportedCPUSeconds.withLock { reported -> Double in
            let difference = max(0, used - reported)
            reported += difference
            return difference
        }
        FloatingPointCounter(label: "retail_edge_process_cpu_seconds_total").increment(by: added)
    }
}
