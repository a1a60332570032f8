import Foundation
import Metrics
import Synchronization

/// The counters of one stage, read by the status API and the run summary, and mirrored to
/// swift-metrics (labels `stage`, `type`, `kind`) for exporters.
public final class StageMetrics: Sendable {
    public let stage: String
    public let type: String
    public let kind: StageKind

    private let recordsInCount = Atomic<Int>(0)
    private let recordsOutCount = Atomic<Int>(0)
    private let bytesInCount = Atomic<Int>(0)
    private let errorsCount = Atomic<Int>(0)
    private let deadLetteredCount = Atomic<Int>(0)
    private let retriesCount = Atomic<Int>(0)
    private let restartsCount = Atomic<Int>(0)
    private let filesDoneCount = Atomic<Int>(0)
    private let bytesExpectedCount = Atomic<Int>(0)
    /// When records last went out, in milliseconds since 1970 (0: never).
    private let lastOutputMilliseconds = Atomic<Int>(0)

    private let recordsIn: Counter
    private let recordsOut: Counter
    private let bytesIn: Counter
    private let errors: Counter
    private let deadLettered: Counter
    private let retries: Counter
    private let restarts: Counter
    private let batchLatency: Metrics.Timer
    private let own = LockedValue<[String: Counter]>([:])

    public init(stage: String, type: String, kind: StageKind) {
        self.stage = stage
        self.type = type
        self.kind = kind
        let labels = [("stage", stage), ("type", type), ("kind", kind.rawValue)]
        recordsIn = Counter(label: "retail_edge_records_in_total", dimensions: labels)
        recordsOut = Counter(label: "retail_edge_records_out_total", dimensions: labels)
        bytesIn = Counter(label: "retail_edge_bytes_in_total", dimensions: labels)
        errors = Counter(label: "retail_edge_errors_total", dimensions: labels)
        deadLettered = Counter(label: "retail_edge_dead_lettered_total", dimensions: labels)
        retries = Counter(label: "retail_edge_retries_total", dimensions: labels)
        restarts = Counter(label: "retail_edge_stage_restarts_total", dimensions: labels)
        batchLatency = Metrics.Timer(label: "retail_edge_batch_duration_seconds", dimensions: labels)
    }

    /// Counts something of the stage's own (`llm_tokens`, `dropped_duplicates`, …), exported as
    /// `retail_edge_<name>_total` with the stage's labels.
    public func count(_ name: String, _ value: Int = 1) {
        let counter = own.withLock { counters -> Counter in
            if let counter = counters[name] { return counter }
            let counter = Counter(label: "retail_edge_\(name)_total", dimensions: [("stage", stage), ("type", type), ("kind", kind.rawValue)])
            counters[name] = counter
            return counter
        }
        counter.increment(by: value)
    }

    public func recordIn(_ count: Int) {
        recordsInCount.add(count, ordering: .relaxed)
        recordsIn.increment(by: count)
    }

    public func recordOut(_ count: Int) {
        recordsOutCount.add(count, ordering: .relaxed)
        recordsOut.increment(by: count)
        lastOutputMilliseconds.store(Int(Date().timeIntervalSince1970 * 1000), ordering: .relaxed)
    }

    public func bytesRead(_ count: Int) {
        bytesInCount.add(count, ordering: .relaxed)
        bytesIn.increment(by: count)
    }

    public func error() {
        errorsCount.add(1, ordering: .relaxed)
        errors.increment()
    }

    public func deadLetter(_ count: Int = 1) {
        deadLetteredCount.add(count, ordering: .relaxed)
        deadLettered.increment(by: count)
    }

    public func retry() {
        retriesCount.add(1, ordering: .relaxed)
        retries.increment()
    }

    /// The supervisor starts the stage's work again after a failure: a source's run, a sink's
    /// connection, a plugin's child process. (A retried batch or write is a ``retry()``.)
    public func restarted() {
        restartsCount.add(1, ordering: .relaxed)
        restarts.increment()
    }

    public func fileDone() {
        filesDoneCount.add(1, ordering: .relaxed)
    }

    /// Adds to the bytes a source knows it has to read (for progress, ETA and lag).
    public func expectBytes(_ count: Int) {
        bytesExpectedCount.add(count, ordering: .relaxed)
    }

    /// Takes back bytes announced by ``expectBytes(_:)`` that will not be read (a file skipped,
    /// replaced or removed), so that the source's lag does not stay up forever.
    public func forgetExpectedBytes(_ count: Int) {
        bytesExpectedCount.subtract(max(0, count), ordering: .relaxed)
    }

    public func batchTook(_ duration: Duration) {
        batchLatency.recordNanoseconds(Int64(duration.seconds * 1e9))
    }

    /// A consistent-enough copy of the counters.
    public var snapshot: Snapshot {
        Snapshot(
            recordsIn: recordsInCount.load(ordering: .relaxed), recordsOut: recordsOutCount.load(ordering: .relaxed),
            bytesIn: bytesInCount.load(ordering: .relaxed), errors: errorsCount.load(ordering: .relaxed),
            deadLettered: deadLetteredCount.load(ordering: .relaxed), retries: retriesCount.load(ordering: .relaxed),
            restarts: restartsCount.load(ordering: .relaxed),
            filesDone: filesDoneCount.load(ordering: .relaxed), bytesExpected: bytesExpectedCount.load(ordering: .relaxed),
            lastOutputAt: lastOutputAt
        )
    }

    private var lastOutputAt: Date? {
        let milliseconds = lastOutputMilliseconds.load(ordering: .relaxed)
        return milliseconds == 0 ? nil : Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// Counter values at one moment.
    public struct Snapshot: Sendable, Hashable {
        public var recordsIn: Int
        public var recordsOut: Int
        public var bytesIn: Int
        public var errors: Int
        public var deadLettered: Int
        public var retries: Int
        public var restarts: Int
        public var filesDone: Int
        public var bytesExpected: Int
        /// When the stage last emitted records (a sink: wrote them).
        public var lastOutputAt: Date?
    }
}
