import EdgeCore
import EdgeCoreTesting
import Foundation
import Testing

@Suite struct CheckpointStoreTests {
    @Test func roundTripsAndReplacesAtomically() throws {
        let store = CheckpointStore(directory: PipelineHarness.temporaryDirectory() + "/cp")
        #expect(try store.load() == nil)
        let first = Checkpoint(id: 3, positions: ["src": [1, 2, 3]], states: ["agg": Array(repeating: 7, count: 1000)], deadLetterLengths: ["src": 42])
        try store.save(first)
        #expect(try store.load() == first)
        let second = Checkpoint(id: 4, positions: ["src": [9]])
        try store.save(second)
        #expect(try store.load() == second)
        #expect(!FileManager.default.fileExists(atPath: store.path + ".tmp"))
    }

    @Test func corruptionIsDetected() throws {
        let store = CheckpointStore(directory: PipelineHarness.temporaryDirectory() + "/cp")
        try store.save(Checkpoint(id: 1, positions: ["src": Array("offset".utf8)]))
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: store.path)))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: store.path))
        #expect {
            try store.load()
        } throws: { error in
            (error as? CheckpointError)?.code == .corrupt
        }
    }
}

@Suite struct CRC32Tests {
    @Test func matchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        let long = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(CRC32.checksum(long) == CRC32.checksum(long[...]))
        #expect(CRC32.checksum(long[0..<1000]) == CRC32.checksum(Array(long)))
    }
}
