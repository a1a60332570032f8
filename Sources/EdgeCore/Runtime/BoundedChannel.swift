/// A bounded, single-consumer async channel: `send` waits while `capacity` elements are
/// buffered, which is how a slow consumer slows its producers (backpressure).
public final class BoundedChannel<Element: Sendable>: Sendable {
    private struct Waiter {
        var id: UInt64
        var element: Element
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        /// Elements from `head` on; the taken ones before it are `nil`, so that the channel does
        /// not keep a batch alive after its consumer is done with it.
        var buffer: [Element?] = []
        var head = 0
        var senders: [Waiter] = []
        var receiver: CheckedContinuation<Element?, Never>?
        var closed = false
        var nextId: UInt64 = 0
        var count: Int { buffer.count - head }

        /// The next element, and a parked sender to resume because its element moved into the
        /// buffer (or was taken directly).
        mutating func take() -> (Element, CheckedContinuation<Void, any Error>?)? {
            if count > 0 {
                let element = pop()
                guard !senders.isEmpty else { return (element, nil) }
                let waiter = senders.removeFirst()
                buffer.append(waiter.element)
                return (element, waiter.continuation)
            }
            guard !senders.isEmpty else { return nil }
            let waiter = senders.removeFirst()
            return (waiter.element, waiter.continuation)
        }

        mutating func pop() -> Element {
            let element = buffer[head].take()!
            head += 1
            if head == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                head = 0
            } else if head > 64, head * 2 > buffer.count {
                buffer.removeFirst(head)
                head = 0
            }
            return element
        }
    }

    private enum SendStep { case done, closed, wait(UInt64), resume(CheckedContinuation<Element?, Never>) }
    private enum ParkAction { case fail(any Error), handoff(CheckedContinuation<Element?, Never>), proceed, parked }
    private enum ReceiveStep { case value(Element, CheckedContinuation<Void, any Error>?), finished, wait }

    private let state = LockedValue(State())
    public let capacity: Int

    public init(capacity: Int) {
        precondition(capacity >= 1)
        self.capacity = capacity
    }

    /// The number of buffered elements (for metrics).
    public var bufferedCount: Int { state.withLock { $0.count } }

    /// Sends `element`, waiting while the buffer is full. Throws `ChannelClosedError` when the
    /// consumer has gone, `CancellationError` when the sending task is cancelled.
    public func send(_ element: Element) async throws {
        let step: SendStep = state.withLock { state in
            if state.closed { return .closed }
            if let receiver = state.receiver {
                state.receiver = nil
                return .resume(receiver)
            }
            if state.count < capacity {
                state.buffer.append(element)
                return .done
            }
            state.nextId += 1
            return .wait(state.nextId)
        }
        switch step {
        case .done: return
        case .closed: throw ChannelClosedError()
        case .resume(let receiver): receiver.resume(returning: element)
        case .wait(let id):
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    let action: ParkAction = state.withLock { state in
                        if state.closed { return .fail(ChannelClosedError()) }
                        if Task.isCancelled { return .fail(CancellationError()) }
                        if let receiver = state.receiver {
                            state.receiver = nil
                            return .handoff(receiver)
                        }
                        if state.count < capacity {
                            state.buffer.append(element)
                            return .proceed
                        }
                        state.senders.append(Waiter(id: id, element: element, continuation: continuation))
                        return .parked
                    }
                    switch action {
                    case .fail(let error): continuation.resume(throwing: error)
                    case .handoff(let receiver):
                        receiver.resume(returning: element)
                        continuation.resume()
                    case .proceed: continuation.resume()
                    case .parked: break
                    }
                }
            } onCancel: {
                let waiter: Waiter? = state.withLock { state in
                    guard let index = state.senders.firstIndex(where: { $0.id == id }) else { return nil }
                    return state.senders.remove(at: index)
                }
                waiter?.continuation.resume(throwing: CancellationError())
            }
        }
    }

    /// The next element, or `nil` once the channel is finished and drained (or the task is
    /// cancelled while waiting).
    public func receive() async -> Element? {
        let step: ReceiveStep = state.withLock { state in
            if let (element, released) = state.take() { return .value(element, released) }
            return state.closed ? .finished : .wait
        }
        switch step {
        case .value(let element, let released):
            released?.resume()
            return element
        case .finished:
            return nil
        case .wait:
            return await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Element?, Never>) in
                    let immediate: (Element?, CheckedContinuation<Void, any Error>?)? = state.withLock { state in
                        if let (element, released) = state.take() { return (element, released) }
                        if state.closed || Task.isCancelled { return (nil, nil) }
                        state.receiver = continuation
                        return nil
                    }
                    if let (element, released) = immediate {
                        released?.resume()
                        continuation.resume(returning: element)
                    }
                }
            } onCancel: {
                let receiver = state.withLock { state in
                    defer { state.receiver = nil }
                    return state.receiver
                }
                receiver?.resume(returning: nil)
            }
        }
    }

    /// No more elements will be sent. Buffered ones can still be received.
    public func finish() {
        let receiver = state.withLock { state in
            state.closed = true
            defer { state.receiver = nil }
            return state.receiver
        }
        receiver?.resume(returning: nil)
    }

    /// The consumer is gone: drops the buffer and fails every waiting sender.
    public func close() {
        let (receiver, senders) = state.withLock { state in
            state.closed = true
            state.buffer.removeAll()
            state.head = 0
            defer {
                state.receiver = nil
                state.senders.removeAll()
            }
            return (state.receiver, state.senders)
        }
        receiver?.resume(returning: nil)
        for sender in senders { sender.continuation.resume(throwing: ChannelClosedError()) }
    }
}

/// Sending on a channel whose consumer has gone.
public struct ChannelClosedError: Error, Sendable {}
