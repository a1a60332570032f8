import EdgeCore

/// The bookkeeping of a group consumer's partitions as a value: events in (assigned, revoked,
/// emitted, checkpointed, handed over), actions out (where to resume, what to commit, whether
/// to apply a revocation now). No librdkafka call is made here; ``KafkaAssignment`` makes them.
struct AssignmentState: Sendable {
    /// What librdkafka and the sinks told of one partition the group assigns.
    struct Assigned: Sendable {
        var partition: TopicPartition
        /// The group's committed offset, if any.
        var committed: Int64?
        /// The partition's low and high watermarks (asked for in `run --once` only).
        var watermarks: (low: Int64, high: Int64)?
    }

    /// Where a started partition resumes (`nil`: the group's reset policy) and the claim its
    /// records carry.
    typealias Start = (resume: Int64?, owner: String)

    /// What to do with a revocation.
    enum Revocation: Equatable, Sendable {
        /// Apply it now, committing these offsets first (empty: nothing to commit).
        case applyNow(commit: [TopicPartition: Int64])
        /// Leave it to the source's hand-over after a checkpoint.
        case handOverLater
    }

    /// Offsets this agent emitted (restored from its checkpoint, then as it goes).
    private var emitted: [TopicPartition: Int64]
    /// Offsets covered by a saved checkpoint: the only ones ever committed.
    private var durable: [TopicPartition: Int64]
    private(set) var assigned: Set<TopicPartition> = []
    /// Partitions the group takes away, not handed over yet.
    private(set) var revoking: Set<TopicPartition> = []
    /// Set while the consumer closes: revocations are then applied at once.
    private var closing = false
    /// For `run --once`: each partition's first offset to read and its high watermark when
    /// first assigned, how many partitions the subscribed topics have, and when the group last
    /// assigned some.
    private var bounds: [TopicPartition: (start: Int64, high: Int64)] = [:]
    private(set) var partitionCount = 0
    private var lastAssigned: ContinuousClock.Instant
    /// The group's committed offset of each partition at its assignment: commits never go below.
    private var floor: [TopicPartition: Int64] = [:]
    /// Partitions assigned since the source last asked.
    private var started: [TopicPartition: Start] = [:]
    /// Why the last assignment could not be claimed, until the source takes it.
    private var claimFailure: String?
    /// Since when no partition is assigned (`nil` while some are).
    private var emptySince: ContinuousClock.Instant?
    /// Where the reading starts when no offset is known: the earliest or the latest.
    let fromEarliest: Bool

    init(restored: [TopicPartition: Int64], fromEarliest: Bool, now: ContinuousClock.Instant = .now) {
        emitted = restored
        durable = restored
        self.fromEarliest = fromEarliest
        lastAssigned = now
        emptySince = now
    }

    /// The group assigned `partitions`; the sinks keeping positions answered `claim` (or could
    /// not: `failure`). Returns where each resumes, in order: the sinks' position, else the later
    /// of the group's offset and this agent's own (its checkpoint holds what it emitted).
    mutating func assign(_ partitions: [Assigned], claim: ShardClaim?, failure: String?, partitionCount: Int,
                         now: ContinuousClock.Instant = .now) -> [Int64?] {
        claimFailure = failure
        let resumes = partitions.map { assigned -> Int64? in
            let partition = assigned.partition
            let resume = claim?.positions[partition.key] ?? [assigned.committed, emitted[partition]].compactMap { $0 }.max()
            if let resume { emitted[partition] = resume }
            floor[partition] = assigned.committed
            started[partition] = (resume, claim?.owner ?? "")
            if let mark = assigned.watermarks, bounds[partition] == nil {
                bounds[partition] = (resume ?? (fromEarliest ? mark.low : mark.high), mark.high)
            } else if let resume, let known = bounds[partition] {
                // Assigned again (after a rebalance): reading resumes here, maybe at the end.
                bounds[partition] = (max(known.start, resume), known.high)
            }
            self.assigned.insert(partition)
            revoking.remove(partition)
            return resume
        }
        lastAssigned = now
        if !assigned.isEmpty { emptySince = nil }
        if partitionCount > 0 { self.partitionCount = partitionCount }
        return resumes
    }

    /// The group takes `partitions` away. Applied now when `immediately` (a failed rebalance),
    /// when the consumer is closing, or when they are already `lost` (another member may own
    /// them: nothing is committed); otherwise recorded for the source to hand over.
    mutating func revoke(_ partitions: Set<TopicPartition>, immediately: Bool, lost: Bool, now: ContinuousClock.Instant = .now) -> Revocation {
        guard immediately || closing || lost else {
            revoking.formUnion(partitions)
            return .handOverLater
        }
        let commit = lost ? [:] : committable(partitions)
        leave(partitions, now: now)
        return .applyNow(commit: commit)
    }

    /// The source made the revoked partitions durable (or gave up waiting): they leave, and
    /// what is durable of them is to be committed.
    mutating func handOver(now: ContinuousClock.Instant = .now) -> (partitions: Set<TopicPartition>, commit: [TopicPartition: Int64]) {
        let partitions = revoking
        let commit = committable(partitions)
        leave(partitions, now: now)
        revoking = []
        return (partitions, commit)
    }

    private mutating func leave(_ partitions: Set<TopicPartition>, now: ContinuousClock.Instant) {
        assigned.subtract(partitions)
        if assigned.isEmpty, emptySince == nil { emptySince = now }
    }

    /// How long this consumer has had no partition (since it subscribed, or since its last one
    /// left); `nil` while it has some.
    func withoutPartitions(now: ContinuousClock.Instant = .now) -> Duration? {
        emptySince.map { now - $0 }
    }

    mutating func emit(_ offsets: [TopicPartition: Int64]) {
        emitted.merge(offsets) { max($0, $1) }
    }

    /// A checkpoint made `offsets` durable; returns those of assigned partitions to commit.
    mutating func checkpointed(_ offsets: [TopicPartition: Int64]) -> [TopicPartition: Int64] {
        durable.merge(offsets) { max($0, $1) }
        return committable(assigned)
    }

    /// From now on revocations are applied at once (`rd_kafka_consumer_close` waits for them).
    mutating func startClosing() {
        closing = true
    }

    /// Partitions assigned since the last call.
    mutating func takeStarted() -> [TopicPartition: Start] {
        defer { started = [:] }
        return started
    }

    /// Why the sinks could not be claimed for the last assignment (the source then restarts).
    mutating func takeClaimFailure() -> String? {
        defer { claimFailure = nil }
        return claimFailure
    }

    /// Whether a saved checkpoint covers everything emitted from `partitions`.
    func isDurable(_ partitions: Set<TopicPartition>) -> Bool {
        partitions.allSatisfy { partition in
            guard let emitted = emitted[partition] else { return true }
            return (durable[partition] ?? -1) >= emitted
        }
    }

    /// Whether every assigned partition has been read up to its high watermark at assignment,
    /// given the next offset polled in each, and the group has either given this agent every
    /// partition or left its assignment alone for `settle`.
    func caughtUp(polled: [TopicPartition: Int64], settle: Duration, now: ContinuousClock.Instant = .now) -> Bool {
        !assigned.isEmpty && assigned.allSatisfy { partition in
            guard let bounds = bounds[partition] else { return false }
            return max(polled[partition] ?? bounds.start, bounds.start) >= bounds.high
        } && (assigned.count >= partitionCount || now - lastAssigned >= settle)
    }

    /// The durable offsets of `partitions`, raised to the group's offsets at assignment.
    private func committable(_ partitions: Set<TopicPartition>) -> [TopicPartition: Int64] {
        var offsets: [TopicPartition: Int64] = [:]
        for (partition, offset) in durable where partitions.contains(partition) {
            offsets[partition] = max(offset, floor[partition] ?? offset)
        }
        return offsets
    }
}
