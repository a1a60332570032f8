import Foundation

extension PipelineHealth {
    /// `/ready`'s body: `{"ready":…,"failing":[…]}`.
    public var readyDocument: String {
        JSONText.object([
            ("ready", String(ready)),
            ("failing", JSONText.array(failing.map(JSONText.string))),
        ])
    }

    /// `/api/stages`'s body: readiness, the status line, the agent's version, the last checkpoint
    /// and every stage with its counters, rates (records per second, from `rates`) and health.
    public func stagesDocument(status: String, rates: [String: (in: Double, out: Double)], uptimeSeconds: Int, version: String = "") -> String {
        let documents = stages.map { stage -> String in
            JSONText.object([
                ("id", JSONText.string(stage.id)),
                ("kind", JSONText.string(stage.kind.rawValue)),
                ("type", JSONText.string(stage.type)),
                ("inputs", JSONText.array(stage.inputs.map(JSONText.string))),
                ("records_in", String(stage.counters.recordsIn)),
                ("records_out", String(stage.counters.recordsOut)),
                ("errors", String(stage.counters.errors)),
                ("dead_lettered", String(stage.counters.deadLettered)),
                ("retries", String(stage.counters.retries)),
                ("restarts", String(stage.counters.restarts)),
                ("queued", String(stage.queuedBatches)),
                ("rate_in", String(Int(rates[stage.id]?.in ?? 0))),
                ("rate_out", String(Int(rates[stage.id]?.out ?? 0))),
                ("failing", String(stage.failing)),
                ("last_error", stage.lastError.map(JSONText.string) ?? "null"),
                ("last_error_at", Self.timestamp(stage.lastErrorAt)),
                ("last_success_at", Self.timestamp(stage.lastSuccessAt)),
                ("buffer_bytes", String(stage.bufferBytes)),
                ("buffer_batches", String(stage.bufferBatches)),
                ("buffer_max_bytes", String(stage.bufferMaxBytes)),
                ("lag_bytes", String(stage.lagBytes)),
            ])
        }
        return JSONText.object([
            ("pipeline", JSONText.string(pipeline)),
            ("ready", String(ready)),
            ("failing", JSONText.array(failing.map(JSONText.string))),
            ("status", JSONText.string(status)),
            ("version", JSONText.string(version)),
            ("uptime_seconds", String(uptimeSeconds)),
            ("last_checkpoint", lastCheckpoint.map { JSONText.object([("id", String($0.id)), ("at", Self.timestamp($0.at))]) } ?? "null"),
            ("reloads", String(reloads)),
            ("buffer_bytes", String(bufferBytes)),
            ("lag_bytes", String(lagBytes)),
            ("stages", JSONText.array(documents)),
        ])
    }

    /// RFC 3339 in UTC with milliseconds, or `null`.
    static func timestamp(_ date: Date?) -> String {
        guard let date else { return "null" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return JSONText.string(formatter.string(from: date))
    }
}
