import EdgeCore
import EdgeCoreTesting

/// A source (type `flaky`) whose first `failures` runs throw; the next emits one row, `n = 7`.
final class FailingSource: SourceStage {
    private let failures: Int
    private let started = LockedValue(0)

    init(failures: Int) { self.failures = failures }

    /// How many times the supervisor ran it.
    var runs: Int { started.withLock { $0 } }

    func run(_ context: SourceContext) async throws {
        let run = started.withLock { count -> Int in
            count += 1
            return count
        }
        guard run > failures else { throw InjectedFailure() }
        try await context.emit(StaticSource.batch(CountingSource.schema, [[.int(7)]]), position: Array("1".utf8))
    }

    var registration: PluginRegistration {
        PluginRegistration(kind: .source, type: "flaky", summary: "fails, then emits (tests)", options: []) { _ in
            .source(self, output: CountingSource.schema)
        }
    }

    /// What a failing run throws; not classified as permanent, so the supervisor restarts the source.
    struct InjectedFailure: Error {}
}
