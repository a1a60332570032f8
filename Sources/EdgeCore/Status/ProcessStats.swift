import Foundation

/// Figures about this process for `/metrics`.
enum ProcessStats {
    static let started = Date()

    /// Resident set size in bytes, from /proc/self/statm.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    static var uptimeSeconds: Double { Date().timeIntervalSince(started) }
}
