import EdgeCore
import Logging
import Testing
@testable import KafkaPlugin

@Suite("Kafka consumer: setup that fails")
struct KafkaConsumerSetupTests {
    /// A consumer whose client cannot be created lets go of its rebalance context exactly once:
    /// the failure path released it and so did `deinit` (which runs for an initializer that
    /// throws once every property is set), so the context was freed while still in use
    /// (a double free, heap corruption).
    @Test func aConsumerThatCannotStartReleasesItsAssignmentOnce() throws {
        var assignment = KafkaAssignment(restored: [:], topics: ["t"], fromEarliest: true, recordsWatermarks: false, settle: .zero, logger: Logger(label: "t"),
                                         claim: { _ in ShardClaim(owner: "t", positions: [:], keepers: 0) })
        for _ in 0..<3 {
            #expect(throws: KafkaError.self) {
                // librdkafka accepts these settings one by one, but cannot create a client with them.
                _ = try KafkaConsumer(
                    settings: [("bootstrap.servers", "127.0.0.1:1"), ("group.id", "g"), ("security.protocol", "ssl"), ("ssl.ca.location", "/nonexistent/ca.pem")],
                    topics: ["t"], assignment: assignment, name: "t")
            }
        }
        #expect(isKnownUniquelyReferenced(&assignment))
        #expect(assignment.assigned.isEmpty)
    }
}
