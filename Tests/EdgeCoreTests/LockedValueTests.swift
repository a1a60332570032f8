import EdgeCore
import Testing

@Suite("LockedValue: state shared between tasks")
struct LockedValueTests {
    @Test func concurrentUpdatesAreNeverLost() async {
        let counter = LockedValue(0)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<10_000 { counter.withLock { $0 += 1 } }
                }
            }
        }
        #expect(counter.withLock { $0 } == 80_000)
    }

    @Test func anErrorThrownInsideLeavesTheLockFree() {
        struct Refused: Error {}
        let value = LockedValue([1, 2])
        #expect(throws: Refused.self) {
            try value.withLock { (items: inout [Int]) throws(Refused) in
                items.append(3)
                throw Refused()
            }
        }
        // Taken again without deadlock; the change made before the throw stays.
        #expect(value.withLock { $0 } == [1, 2, 3])
    }
}
