@testable import ExecPlugin
import Testing

@Suite("Exec plugins: a chatty child's stderr is bounded")
struct StderrThrottleTests {
    @Test func linesBeyondTheLimitAreCountedAndReportedWhenTheNextSecondBegins() {
        var throttle = StderrThrottle(linesPerSecond: 3)
        let start = ContinuousClock.now
        let first = (0..<10).map { throttle.admit(at: start + .milliseconds($0 * 10)) }
        #expect(first.map(\.log) == [true, true, true] + Array(repeating: false, count: 7))
        #expect(first.allSatisfy { $0.suppressedBefore == nil })
        let next = throttle.admit(at: start + .milliseconds(1100))
        #expect(next.log && next.suppressedBefore == 7)
        #expect(throttle.admit(at: start + .milliseconds(1200)).suppressedBefore == nil)
        // A quiet second reports nothing.
        #expect(throttle.admit(at: start + .seconds(5)) == (true, nil))
    }
}
