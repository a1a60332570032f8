import Synchronization

/// The id of the barrier sources should emit next, readable without a suspension on every batch.
public final class BarrierTrigger: Sendable {
    private let requested = Atomic<Int>(0)

    public init(startingAfter id: Int = 0) {
        requested.store(id, ordering: .relaxed)
    }

    /// The highest barrier id requested so far.
    public var current: Int { requested.load(ordering: .acquiring) }

    public func request(_ id: Int) {
        requested.store(id, ordering: .releasing)
    }
}
