import Foundation

/// Hands out work indices and collects one result per index from several threads.
final class ResultSlots<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Element?]
    private var next = 0

    init(count: Int) {
        slots = [Element?](repeating: nil, count: count)
    }

    /// The next unclaimed index, or nil when all are taken.
    func claimNext() -> Int? {
        lock.withLock {
            guard next < slots.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func store(_ element: Element, at index: Int) {
        lock.withLock { slots[index] = element }
    }

    /// All results; call after every claimed index has been stored.
    func results() -> [Element] {
        lock.withLock { slots.map { $0! } }
    }
}
