import EdgeCore
import Testing

@Suite struct RestartPolicyTests {
    @Test func backoffDoublesUpToTheCapWithinJitter() {
        let policy = RestartPolicy(maxRestarts: 5, initialBackoff: .milliseconds(100), maxBackoff: .seconds(1))
        #expect(policy.delay(forAttempt: 1, jitter: 0) == .milliseconds(100))
        #expect(policy.delay(forAttempt: 2, jitter: 0) == .milliseconds(200))
        #expect(policy.delay(forAttempt: 3, jitter: 0) == .milliseconds(400))
        #expect(policy.delay(forAttempt: 10, jitter: 0) == .seconds(1))
        for _ in 0..<100 {
            let delay = policy.delay(forAttempt: 2).seconds
            #expect(delay >= 0.15 && delay <= 0.25)
        }
    }
}
