import Dispatch
import EdgeCore

/// A bounded queue from a producer thread to one async consumer: `push` blocks the thread while
/// the queue is full (so a child that writes faster than the pipeline reads is slowed down),
/// `next` waits for an element at most `timeout`.
final class EventQueue<Element: Sendable>: Sendable {
    private struct State {
        var items: [Element] = []
        var waiter: (id: Int, continuation: CheckedContinuation<Element?, Never>, timer: Task<Void, Never>)?
        var nextWaiter = 0
        var closed = false
    }
    private let state = LockedValue(State())
    private let slots: DispatchSemaphore

    init(capacity: Int) {
        slots = DispatchSemaphore(value: capacity)
    }

    /// Adds `element`, blocking while the queue is full; false once the queue is closed.
    @discardableResult
    func push(_ element: Element) -> Bool {
        slots.wait()
        let waiter: CheckedContinuation<Element?, Never>?? = state.withLock { state in
            if state.closed { return .none }
            if let waiter = state.waiter {
                state.waiter = nil
                waiter.timer.cancel()
                return .some(waiter.continuation)
            }
            state.items.append(element)
            return .some(nil)
        }
        switch waiter {
        case .none:
            slots.signal()
            return false
        case .some(let continuation?):
            slots.signal()
            continuation.resume(returning: element)
        case .some(nil):
            break
        }
        return true
    }

    /// The next element, or `nil` when none came within `timeout` or the task was cancelled.
    func next(timeout: Duration) async -> Element? {
        if let item = pop() { return item }
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Element?, Never>) in
                let immediate: Element?? = state.withLock { state in
                    if !state.items.isEmpty { return .some(state.items.removeFirst()) }
                    if Task.isCancelled || state.closed { return .some(nil) }
                    let timer = Task {
                        try? await Task.sleep(for: timeout)
                        if !Task.isCancelled { self.expire(id) }
                    }
                    state.waiter = (id, continuation, timer)
                    return .none
                }
                if let immediate {
                    if immediate != nil { slots.signal() }
                    continuation.resume(returning: immediate)
                }
            }
        } onCancel: {
            expire(id)
        }
    }

    /// Drops what is queued and wakes the producer and the consumer; later pushes are refused.
    func close() {
        let (waiter, dropped) = state.withLock { state in
            state.closed = true
            let dropped = state.items.count
            state.items.removeAll()
            defer { state.waiter = nil }
            state.waiter?.timer.cancel()
            return (state.waiter?.continuation, dropped)
        }
        // Every dropped element gives its slot back (this also wakes a producer waiting for one):
        // libdispatch traps when a semaphore is freed below its initial value.
        for _ in 0..<dropped { slots.signal() }
        waiter?.resume(returning: nil)
    }

    private func pop() -> Element? {
        let item: Element? = state.withLock { state in state.items.isEmpty ? nil : state.items.removeFirst() }
        if item != nil { slots.signal() }
        return item
    }

    private func expire(_ id: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<Element?, Never>? in
            guard let waiter = state.waiter, waiter.id == id else { return nil }
            state.waiter = nil
            waiter.timer.cancel()
            return waiter.continuation
        }
        waiter?.resume(returning: nil)
    }
}
