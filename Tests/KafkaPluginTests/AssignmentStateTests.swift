import EdgeCore
import Testing
@testable import KafkaPlugin

@Suite("A group consumer's partition bookkeeping, without a broker")
struct AssignmentStateTests {
    let p0 = TopicPartition(topic: "sales", partition: 0)
    let p1 = TopicPartition(topic: "sales", partition: 1)
    let p2 = TopicPartition(topic: "sales", partition: 2)

    @Test func aPartitionResumesAtTheSinksPositionElseTheLaterOfTheGroupsAndItsOwn() {
        var state = AssignmentState(restored: [p1: 70, p2: 10], fromEarliest: true)
        let claim = ShardClaim(owner: "agent-a#1", positions: [p0.key: 40], keepers: 1)
        let resumes = state.assign([
            .init(partition: p0, committed: 55),   // the sinks hold 40: the group's 55 is not used
            .init(partition: p1, committed: 50),   // no sink position: the later of 50 and 70
            .init(partition: p2, committed: nil),  // only this agent's own
            .init(partition: TopicPartition(topic: "sales", partition: 3), committed: nil),
        ], claim: claim, failure: nil, partitionCount: 0)
        #expect(resumes == [40, 70, 10, nil])
        let started = state.takeStarted()
        #expect(started[p0]?.resume == 40 && started[p0]?.owner == "agent-a#1")
        #expect(started.count == 4)
        #expect(state.takeStarted().isEmpty, "started partitions are told once")
        #expect(state.assigned.count == 4)
    }

    @Test func commitsNeverGoBelowTheGroupsOffsetAtAssignmentAndOnlyCoverAssignedPartitions() {
        var state = AssignmentState(restored: [:], fromEarliest: true)
        let claim = ShardClaim(owner: "b#1", positions: [p0.key: 10], keepers: 1)
        _ = state.assign([.init(partition: p0, committed: 25)], claim: claim, failure: nil, partitionCount: 0)
        state.emit([p0: 20])
        // The sinks were behind the group (an earlier owner's rows still in flight): the durable
        // 20 must not move the group's offset back from 25.
        #expect(state.checkpointed([p0: 20, p1: 99]) == [p0: 25])
        #expect(state.checkpointed([p0: 31]) == [p0: 31])
    }

    @Test func aRevocationWaitsForTheHandOverAndCommitsWhatIsDurable() {
        var state = AssignmentState(restored: [:], fromEarliest: true)
        _ = state.assign([.init(partition: p0, committed: nil), .init(partition: p1, committed: nil)], claim: nil, failure: nil, partitionCount: 0)
        state.emit([p0: 100, p1: 200])
        _ = state.checkpointed([p0: 80])
        #expect(state.revoke([p0], immediately: false, lost: false) == .handOverLater)
        #expect(state.revoking == [p0])
        #expect(state.assigned == [p0, p1], "still assigned until handed over")
        #expect(!state.isDurable([p0]))
        _ = state.checkpointed([p0: 100, p1: 150])
        #expect(state.isDurable([p0]))
        #expect(!state.isDurable([p1]))
        let handed = state.handOver()
        #expect(handed.partitions == [p0])
        #expect(handed.commit == [p0: 100])
        #expect(state.assigned == [p1] && state.revoking.isEmpty)
    }

    @Test func aFailedRebalanceOrAClosingConsumerAppliesARevocationAtOnceAndALostOneCommitsNothing() {
        var state = AssignmentState(restored: [:], fromEarliest: true)
        _ = state.assign([.init(partition: p0, committed: nil), .init(partition: p1, committed: nil), .init(partition: p2, committed: nil)],
                         claim: nil, failure: nil, partitionCount: 0)
        _ = state.checkpointed([p0: 5, p1: 6, p2: 7])
        #expect(state.revoke([p0], immediately: true, lost: false) == .applyNow(commit: [p0: 5]))
        #expect(state.revoke([p1], immediately: false, lost: true) == .applyNow(commit: [:]))
        state.startClosing()
        #expect(state.revoke([p2], immediately: false, lost: false) == .applyNow(commit: [p2: 7]))
        #expect(state.assigned.isEmpty && state.revoking.isEmpty)
    }

    @Test func aReassignmentCancelsAPendingRevocation() {
        var state = AssignmentState(restored: [:], fromEarliest: true)
        _ = state.assign([.init(partition: p0, committed: 3)], claim: nil, failure: nil, partitionCount: 0)
        #expect(state.revoke([p0], immediately: false, lost: false) == .handOverLater)
        _ = state.assign([.init(partition: p0, committed: 3)], claim: nil, failure: nil, partitionCount: 0)
        #expect(state.revoking.isEmpty && state.assigned == [p0])
    }

    @Test func aClaimFailureIsToldOnce() {
        var state = AssignmentState(restored: [:], fromEarliest: true)
        _ = state.assign([.init(partition: p0, committed: nil)], claim: nil, failure: "database unreachable", partitionCount: 0)
        #expect(state.takeClaimFailure() == "database unreachable")
        #expect(state.takeClaimFailure() == nil)
    }

    @Test func runOnceIsCaughtUpAtTheHighWatermarksOfAFullShareOrAfterTheGroupSettles() {
        let start = ContinuousClock.now
        var state = AssignmentState(restored: [:], fromEarliest: true, now: start)
        _ = state.assign([.init(partition: p0, committed: nil, watermarks: (2, 10)), .init(partition: p1, committed: 4, watermarks: (0, 4))],
                         claim: nil, failure: nil, partitionCount: 3, now: start)
        let settle = Duration.seconds(6)
        // p0 starts at its low watermark (from earliest); p1 at its committed 4, already the end.
        #expect(!state.caughtUp(polled: [p0: 9], settle: settle, now: start))
        // Read to the end, but only two partitions of three: wait for the group to settle.
        #expect(!state.caughtUp(polled: [p0: 10], settle: settle, now: start + .seconds(1)))
        #expect(state.caughtUp(polled: [p0: 10], settle: settle, now: start + .seconds(6)))
        // The third partition arrives: the full share is caught up once it is read.
        _ = state.assign([.init(partition: p2, committed: nil, watermarks: (0, 5))], claim: nil, failure: nil, partitionCount: 3,
                         now: start + .seconds(7))
        #expect(!state.caughtUp(polled: [p0: 10, p2: 4], settle: settle, now: start + .seconds(7)))
        #expect(state.caughtUp(polled: [p0: 10, p2: 5], settle: settle, now: start + .seconds(7)))
    }

    @Test func aPartitionAssignedAgainAfterARebalanceMayAlreadyBeAtItsEnd() {
        let start = ContinuousClock.now
        var state = AssignmentState(restored: [:], fromEarliest: false, now: start)
        _ = state.assign([.init(partition: p0, committed: nil, watermarks: (0, 10))], claim: nil, failure: nil, partitionCount: 1, now: start)
        // From the latest: nothing to read.
        #expect(state.caughtUp(polled: [:], settle: .seconds(6), now: start))
        _ = state.revoke([p0], immediately: true, lost: false)
        #expect(!state.caughtUp(polled: [:], settle: .seconds(6), now: start))
        // Another member moved the group to 12 meanwhile: the bounds start there.
        _ = state.assign([.init(partition: p0, committed: 12, watermarks: (0, 12))], claim: nil, failure: nil, partitionCount: 1, now: start)
        #expect(state.caughtUp(polled: [:], settle: .seconds(6), now: start))
    }

    @Test func theTimeWithoutPartitionsCountsFromTheSubscriptionAndFromTheLastPartitionLeaving() {
        let start = ContinuousClock.now
        var state = AssignmentState(restored: [:], fromEarliest: true, now: start)
        #expect(state.withoutPartitions(now: start + .seconds(5)) == .seconds(5))
        _ = state.assign([.init(partition: p0, committed: nil), .init(partition: p1, committed: nil)], claim: nil, failure: nil, partitionCount: 0,
                         now: start + .seconds(6))
        #expect(state.withoutPartitions(now: start + .seconds(60)) == nil)
        _ = state.revoke([p0], immediately: true, lost: false, now: start + .seconds(70))
        #expect(state.withoutPartitions(now: start + .seconds(80)) == nil, "one partition is still assigned")
        #expect(state.revoke([p1], immediately: false, lost: false, now: start + .seconds(90)) == .handOverLater)
        #expect(state.withoutPartitions(now: start + .seconds(95)) == nil, "still assigned until handed over")
        _ = state.handOver(now: start + .seconds(100))
        #expect(state.withoutPartitions(now: start + .seconds(130)) == .seconds(30))
        // An empty assignment (the group gave this member nothing) does not count as partitions.
        _ = state.assign([], claim: nil, failure: nil, partitionCount: 0, now: start + .seconds(140))
        #expect(state.withoutPartitions(now: start + .seconds(150)) == .seconds(50))
    }
}
