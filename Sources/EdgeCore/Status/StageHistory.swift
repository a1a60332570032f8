import Foundation

/// The last hour of the pipeline in memory: a ring of ``PipelineHealth`` samples taken every
/// `interval`, from which `/api/history` derives per stage the record rates, errors and dead
/// letters per interval, disk buffer and source lag over time. The status page draws its
/// sparklines and charts from it; nothing is written to disk.
public final class StageHistory: Sendable {
    /// One look at the pipeline: readiness and every stage's cumulative counters and levels.
    struct Sample: Sendable {
        var at: Date
        var ready: Bool
        var stages: [String: Levels]
    }

    /// A stage's counters (cumulative) and levels at one moment.
    struct Levels: Sendable {
        var recordsIn: Int
        var recordsOut: Int
        var errors: Int
        var deadLettered: Int
        var bufferBytes: Int64
        var lagBytes: Int
        var queued: Int
    }

    public let interval: Duration
    let capacity: Int
    private let samples = LockedValue<[Sample]>([])

    /// Keeps `window` (default an hour) of samples taken every `interval`.
    public init(interval: Duration = .seconds(5), window: Duration = .seconds(3600)) {
        self.interval = interval
        self.capacity = max(2, Int(window / interval) + 1)
    }

    /// Adds a sample of `health`, dropping the oldest beyond the window.
    public func record(_ health: PipelineHealth) {
        let levels = Dictionary(health.stages.map { stage in
            (stage.id, Levels(
                recordsIn: stage.counters.recordsIn, recordsOut: stage.counters.recordsOut, errors: stage.counters.errors,
                deadLettered: stage.counters.deadLettered, bufferBytes: stage.bufferBytes, lagBytes: stage.lagBytes, queued: stage.queuedBatches
            ))
        }, uniquingKeysWith: { a, _ in a })
        let sample = Sample(at: health.takenAt, ready: health.ready, stages: levels)
        samples.withLock { all in
            all.append(sample)
            if all.count > capacity { all.removeFirst(all.count - capacity) }
        }
    }

    /// Samples until the task is cancelled: one now, then one every `interval`.
    public func run(sampling health: @Sendable () -> PipelineHealth) async {
        while !Task.isCancelled {
            record(health())
            try? await Task.sleep(for: interval)
        }
    }

    /// `/api/history`'s body. Each series has one entry per interval between two samples, at
    /// `times`: `rate_in`/`rate_out` in records per second, `errors` and `dead_letters` in that
    /// interval, `buffer_bytes`, `lag_bytes` and `queued` at its end; `null` where the stage did
    /// not exist yet (a reload added it). Counters that went back (a reload rebuilt the stage)
    /// count from zero.
    public func document() -> String {
        let all = samples.withLock { $0 }
        let pairs = zip(all, all.dropFirst()).map { ($0, $1) }
        let ids = all.last.map { Array($0.stages.keys).sorted() } ?? []
        let stages = ids.map { id -> (String, String) in
            var series: [String: [String]] = [:]
            for (before, after) in pairs {
                guard let now = after.stages[id] else {
                    for key in Self.seriesNames { series[key, default: []].append("null") }
                    continue
                }
                let then = before.stages[id]
                let seconds = max(0.001, after.at.timeIntervalSince(before.at))
                let delta = { (path: KeyPath<Levels, Int>) in
                    let previous = then?[keyPath: path] ?? 0
                    return now[keyPath: path] >= previous ? now[keyPath: path] - previous : now[keyPath: path]
                }
                series["rate_in", default: []].append(Self.number(Double(delta(\.recordsIn)) / seconds))
                series["rate_out", default: []].append(Self.number(Double(delta(\.recordsOut)) / seconds))
                series["errors", default: []].append(String(delta(\.errors)))
                series["dead_letters", default: []].append(String(delta(\.deadLettered)))
                series["buffer_bytes", default: []].append(String(now.bufferBytes))
                series["lag_bytes", default: []].append(String(now.lagBytes))
                series["queued", default: []].append(String(now.queued))
            }
            return (id, JSONText.object(Self.seriesNames.map { ($0, JSONText.array(series[$0] ?? [])) }))
        }
        return JSONText.object([
            ("interval_seconds", Self.number(Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18)),
            ("times", JSONText.array(pairs.map { PipelineHealth.timestamp($0.1.at) })),
            ("ready", JSONText.array(pairs.map { String($0.1.ready) })),
            ("stages", JSONText.object(stages)),
        ])
    }

    static let seriesNames = ["rate_in", "rate_out", "errors", "dead_letters", "buffer_bytes", "lag_bytes", "queued"]

    /// A rate with at most two decimals.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
