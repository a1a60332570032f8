/// Reads a stage's input channels and aligns checkpoint barriers: once barrier N arrives on an
/// input, that input is held back until N has arrived on every input still open, then the
/// barrier is delivered once.
final class InputReader: Sendable {
    enum Event: Sendable {
        case batch(RecordBatch, input: Int)
        case barrier(Barrier)
        case end
    }

    private let inputs: [BoundedChannel<StreamEvent>]
    private let merged: BoundedChannel<(Int, StreamEvent)>
    private let gates: [BoundedChannel<Void>]

    init(inputs: [BoundedChannel<StreamEvent>]) {
        self.inputs = inputs
        self.merged = BoundedChannel(capacity: max(1, inputs.count))
        self.gates = inputs.map { _ in BoundedChannel(capacity: 1) }
    }

    /// Reads everything, calling `handle` for each aligned event, in order.
    func run(_ handle: (Event) async throws -> Void) async throws {
        if inputs.count == 1 {
            while let event = await inputs[0].receive() {
                switch event {
                case .batch(let batch): try await handle(.batch(batch, input: 0))
                case .barrier(let barrier): try await handle(.barrier(barrier))
                case .end:
                    try await handle(.end)
                    return
                }
            }
            try await handle(.end)
            return
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, input) in inputs.enumerated() {
                group.addTask { [merged, gates] in
                    while let event = await input.receive() {
                        try await merged.send((index, event))
                        if case .end = event { return }
                        if case .barrier = event { _ = await gates[index].receive() }
                    }
                    try await merged.send((index, .end))
                }
            }
            var ended = Set<Int>()
            var arrived = Set<Int>()
            var pendingBarrier: Barrier?
            func releaseIfAligned() async throws {
                guard let barrier = pendingBarrier, arrived.union(ended).count == inputs.count else { return }
                try await handle(.barrier(barrier))
                for index in arrived { try await gates[index].send(()) }
                arrived = []
                pendingBarrier = nil
            }
            while ended.count < inputs.count, let (index, event) = await merged.receive() {
                switch event {
                case .batch(let batch):
                    try await handle(.batch(batch, input: index))
                case .barrier(let barrier):
                    pendingBarrier = barrier
                    arrived.insert(index)
                    try await releaseIfAligned()
                case .end:
                    ended.insert(index)
                    try await releaseIfAligned()
                }
            }
            try await handle(.end)
            group.cancelAll()
        }
    }
}
