import EdgeCore
import Testing

@Suite("NotifySequence: the sd_notify conversation without systemd")
struct NotifySequenceTests {
    static func text(_ fields: [NotifySequence.Field]) -> String {
        NotifySequence.message(fields) { "running" }
    }

    @Test func saysNothingBeforeThePipelineIsReady() {
        var sequence = NotifySequence(watchdog: true, statusInterval: .seconds(5))
        #expect(sequence.handle(.tick(elapsed: .seconds(1), failing: [])).isEmpty)
        #expect(sequence.handle(.reloadSettled).isEmpty)
        #expect(sequence.handle(.reloading(monotonicMicroseconds: 1)).isEmpty)
        #expect(Self.text(sequence.handle(.ready)) == "READY=1\nSTATUS=running")
    }

    @Test func pingsTheWatchdogEveryTickAndSendsStatusEveryInterval() {
        var sequence = NotifySequence(watchdog: true, statusInterval: .seconds(3))
        _ = sequence.handle(.ready)
        let ticks = (0..<6).map { _ in Self.text(sequence.handle(.tick(elapsed: .seconds(1), failing: []))) }
        #expect(ticks == ["WATCHDOG=1", "WATCHDOG=1", "WATCHDOG=1\nSTATUS=running", "WATCHDOG=1", "WATCHDOG=1", "WATCHDOG=1\nSTATUS=running"])
    }

    @Test func withoutAWatchdogOnlyStatusGoesOut() {
        var sequence = NotifySequence(watchdog: false, statusInterval: .seconds(2))
        _ = sequence.handle(.ready)
        #expect(sequence.handle(.tick(elapsed: .seconds(1), failing: [])).isEmpty)
        #expect(sequence.handle(.tick(elapsed: .seconds(1), failing: [])) == [.status(.pipeline)])
    }

    @Test func aChangeInFailingStagesSendsStatusAtOnce() {
        var sequence = NotifySequence(watchdog: false, statusInterval: .seconds(60))
        _ = sequence.handle(.ready)
        #expect(sequence.handle(.tick(elapsed: .seconds(1), failing: ["sink"])) == [.status(.pipeline)])
        #expect(sequence.handle(.tick(elapsed: .seconds(1), failing: ["sink"])).isEmpty)
        #expect(sequence.handle(.tick(elapsed: .seconds(1), failing: [])) == [.status(.pipeline)])
    }

    @Test func aReloadIsAnnouncedAndEndsWithReadyAgain() {
        var sequence = NotifySequence(watchdog: true, statusInterval: .seconds(1))
        _ = sequence.handle(.ready)
        #expect(Self.text(sequence.handle(.reloading(monotonicMicroseconds: 42))) == "RELOADING=1\nMONOTONIC_USEC=42\nSTATUS=reloading configuration")
        // While reloading the watchdog is still pinged, but the status says "reloading".
        #expect(sequence.handle(.tick(elapsed: .seconds(5), failing: ["a"])) == [.watchdog])
        #expect(Self.text(sequence.handle(.reloadSettled)) == "READY=1\nSTATUS=running")
        _ = sequence.handle(.reloading(monotonicMicroseconds: 43))
        #expect(Self.text(sequence.handle(.ready)) == "READY=1\nSTATUS=running")
    }

    @Test func nothingFollowsStopping() {
        var sequence = NotifySequence(watchdog: true, statusInterval: .seconds(1))
        _ = sequence.handle(.ready)
        #expect(Self.text(sequence.handle(.stopping)) == "STOPPING=1\nSTATUS=stopping: draining in-flight records")
        #expect(sequence.handle(.tick(elapsed: .seconds(1), failing: [])).isEmpty)
        #expect(sequence.handle(.ready).isEmpty)
        #expect(sequence.handle(.stopping).isEmpty)
    }

    @Test func thePipelineStatusIsRenderedOnlyWhenSent() {
        var rendered = 0
        let message = NotifySequence.message([.watchdog]) { rendered += 1; return "x" }
        #expect(message == "WATCHDOG=1")
        #expect(rendered == 0)
    }
}
