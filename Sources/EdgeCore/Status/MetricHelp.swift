/// The `# HELP` text of every metric the agent exports. swift-metrics has no place for help
/// text, so ``MetricsExport`` adds these lines to the exposition before each `# TYPE` line.
enum MetricHelp {
    static let texts: [String: String] = [
        "retail_edge_records_in_total": "Records a stage received.",
        "retail_edge_records_out_total": "Records a stage emitted (a sink: wrote to its destination).",
        "retail_edge_bytes_in_total": "Bytes a source read.",
        "retail_edge_errors_total": "Failed operations of a stage (reads, transforms, writes, connections).",
        "retail_edge_dead_lettered_total": "Records a stage sent to its dead-letter file.",
        "retail_edge_retries_total": "Retries of a failed operation.",
        "retail_edge_stage_restarts_total": "Times the supervisor started a failed stage's work again (a source's run, a sink's connection, a plugin's child process).",
        "retail_edge_batch_duration_seconds": "Time a stage took to process one batch.",
        "retail_edge_ready": "1 when every sink has started and no stage is failing (as /ready), else 0.",
        "retail_edge_stage_failing": "1 while a stage's last operation failed and it is retrying or buffering, else 0.",
        "retail_edge_queued_batches": "Batches waiting in a stage's input channels.",
        "retail_edge_buffer_bytes": "Bytes waiting in a sink's disk buffer for its destination.",
        "retail_edge_buffer_batches": "Batches waiting in a sink's disk buffer for its destination.",
        "retail_edge_buffer_max_bytes": "The limit of a sink's disk buffer (buffer_max_bytes); when reached, the sink stops reading.",
        "retail_edge_last_checkpoint_timestamp_seconds": "When the last checkpoint was saved (or restored), in seconds since 1970.",
        "retail_edge_source_lag_bytes": "Bytes a source knows are there and has not read yet.",
        "retail_edge_process_resident_memory_bytes": "Resident memory of the agent process.",
        "retail_edge_process_uptime_seconds": "Seconds since the agent process started.",
        "retail_edge_process_cpu_seconds_total": "User and system CPU time the agent process has used.",
        "retail_edge_build_info": "The agent's version and git commit, as labels; always 1.",
    ]

    /// The help text for `name`; a stage's own counters (`retail_edge_<name>_total`) get a
    /// generic one.
    static func text(for name: String) -> String {
        if let text = texts[name] { return text }
        let own = name.hasPrefix("retail_edge_") && name.hasSuffix("_total")
            ? name.dropFirst("retail_edge_".count).dropLast("_total".count).replacingOccurrences(of: "_", with: " ")
            : name
        return "Count of \(own) reported by a stage."
    }

    /// `exposition` with a `# HELP` line before every `# TYPE` line that has none.
    static func annotate(_ exposition: [UInt8]) -> [UInt8] {
        let document = String(decoding: exposition, as: UTF8.self)
        var lines: [Substring] = []
        var previous: Substring = ""
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# TYPE "), !previous.hasPrefix("# HELP ") {
                let name = line.dropFirst("# TYPE ".count).split(separator: " ").first ?? ""
                lines.append(Substring("# HELP \(name) \(text(for: String(name)))"))
            }
            lines.append(line)
            previous = line
        }
        return Array(lines.joined(separator: "\n").utf8)
    }
}
