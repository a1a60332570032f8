extension PipelineHealth {
    /// The one-line summary for systemd's `STATUS=` and the page's header: readiness first (with
    /// each failing stage's error), then input rate, totals, disk-buffered bytes and lag.
    public func statusLine(recordsPerSecond: Double) -> String {
        let read = stages.filter { $0.kind == .source }.reduce(0) { $0 + $1.counters.recordsOut }
        let written = stages.filter { $0.kind == .sink }.reduce(0) { $0 + $1.counters.recordsOut }
        var parts: [String] = []
        if ready {
            parts.append("ready")
        } else {
            let problems = failing.map { id -> String in
                guard let stage = stages.first(where: { $0.id == id }) else { return id }
                if !stage.failing, sinksNotStarted.contains(id) { return "\(stage.kind) \(id) starting" }
                let error = stage.lastError.map { ": " + Self.shortened($0) } ?? ""
                return "\(stage.kind) \(id) failing\(error)"
            }
            parts.append("NOT READY: " + problems.joined(separator: "; "))
        }
        parts.append("\(Int(recordsPerSecond.rounded())) records/s in, \(read) read, \(written) written, buffered \(bufferBytes) bytes, lag \(lagBytes) bytes")
        if let reloadProblem { parts.append("reload failed: " + reloadProblem) }
        return parts.joined(separator: " | ")
    }

    /// Records per second read by the sources since `previous`, a snapshot taken earlier.
    public func recordsPerSecond(since previous: PipelineHealth?) -> Double {
        guard let previous, takenAt > previous.takenAt else { return 0 }
        let now = stages.filter { $0.kind == .source }.reduce(0) { $0 + $1.counters.recordsOut }
        let before = previous.stages.filter { $0.kind == .source }.reduce(0) { $0 + $1.counters.recordsOut }
        return Double(max(0, now - before)) / takenAt.timeIntervalSince(previous.takenAt)
    }

    /// Errors in a status line are cut shorter than elsewhere: systemd shows one line.
    private static func shortened(_ text: String) -> String {
        text.count > 160 ? String(text.prefix(159)) + "…" : text
    }
}
