import Dispatch
import EdgeCore

/// A sink that keeps batches in a ``MemorySinkStore``: the in-memory reference sink for tests.
public struct MemorySink: SinkStage {
    let stage: String
    let store: MemorySinkStore

    public init(stage: String, store: MemorySinkStore) {
        self.stage = stage
        self.store = store
    }

    public func open(_ context: StageContext) async throws { try store.opened() }

    public func write(_ batch: RecordBatch, input: Int) async throws {
        if store.writeDelay > .zero {
            // Not cancellable, as a write in flight to a database is not.
            let delay = store.writeDelay
            await withCheckedContinuation { done in
                DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(delay.components.seconds * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000))) {
                    done.resume()
                }
            }
        }
        try store.record(batch, stage: stage)
    }

    public func commit() async throws { try store.committed(stage) }
    public func close() async {}
    public var deliveryWindowRows: Int? { store.deliveryWindowRows }

    /// Registers type `memory` writing into `store`.
    public static func registration(store: MemorySinkStore) -> PluginRegistration {
        PluginRegistration(kind: .sink, type: "memory", summary: "Keeps batches in memory (tests)", options: []) { context in
            .sink(MemorySink(stage: context.id, store: store))
        }
    }
}
