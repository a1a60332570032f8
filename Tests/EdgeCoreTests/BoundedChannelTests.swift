import EdgeCore
import Synchronization
import Testing

@Suite struct BoundedChannelTests {
    final class Payload: Sendable {
        let value: Int
        init(_ value: Int) { self.value = value }
    }

    /// A received element belongs to its consumer alone: the channel keeps no reference to it
    /// (a batch of a few hundred KB must not outlive its processing).
    @Test func aReceivedElementIsNotKeptByTheChannel() async throws {
        let channel = BoundedChannel<Payload>(capacity: 4)
        weak var first: Payload?, second: Payload?, third: Payload?
        do {
            let payloads = [Payload(1), Payload(2), Payload(3)]
            (first, second, third) = (payloads[0], payloads[1], payloads[2])
            for payload in payloads { try await channel.send(payload) }
        }
        #expect(await channel.receive()?.value == 1)
        #expect(first == nil)
        #expect(second != nil && third != nil)
        #expect(await channel.receive()?.value == 2)
        #expect(second == nil && third != nil)
        try await channel.send(Payload(4))
        #expect(await channel.receive()?.value == 3)
        #expect(third == nil)
        #expect(await channel.receive()?.value == 4)
    }

    @Test func senderWaitsWhileTheBufferIsFull() async throws {
        let channel = BoundedChannel<Int>(capacity: 2)
        let sent = Atomic<Int>(0)
        let producer = Task {
            for i in 0..<10 {
                try await channel.send(i)
                sent.add(1, ordering: .relaxed)
            }
            channel.finish()
        }
        try await Task.sleep(for: .milliseconds(100))
        // Two buffered; the third send is parked.
        #expect(sent.load(ordering: .relaxed) == 2)
        #expect(channel.bufferedCount == 2)
        var received: [Int] = []
        while let value = await channel.receive() { received.append(value) }
        try await producer.value
        #expect(received == Array(0..<10))
    }

    @Test func closingFailsParkedSenders() async throws {
        let channel = BoundedChannel<Int>(capacity: 1)
        try await channel.send(1)
        let parked = Task { try await channel.send(2) }
        try await Task.sleep(for: .milliseconds(50))
        channel.close()
        await #expect(throws: ChannelClosedError.self) { try await parked.value }
    }

    @Test func cancellingAParkedSenderThrows() async throws {
        let channel = BoundedChannel<Int>(capacity: 1)
        try await channel.send(1)
        let parked = Task { try await channel.send(2) }
        try await Task.sleep(for: .milliseconds(50))
        parked.cancel()
        await #expect(throws: CancellationError.self) { try await parked.value }
        #expect(await channel.receive() == 1)
    }
}
