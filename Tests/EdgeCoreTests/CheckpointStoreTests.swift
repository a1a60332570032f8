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

    /// States larger than the 64 KiB the writer gathers small pieces into go to the file directly,
    /// between gathered pieces; the file still reads back whole, with its checksum.
    @Test func largeStatesBesideSmallSectionsRoundTrip() throws {
        let store = CheckpointStore(directory: PipelineHarness.temporaryDirectory() + "/cp")
        let large = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 131) }
        let checkpoint = Checkpoint(id: 9, positions: ["a": [1], "z": Array(repeating: 2, count: 65_000)],
                                    states: ["big": large, "small": [5, 6], "also-big": Array(large.reversed())], deadLetterLengths: ["a": 7])
        try store.save(checkpoint)
        #expect(try store.load() == checkpoint)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: store.path)))
        #expect(bytes.count > 2 * large.count + 65_000)
        #expect(CRC32.checksum(bytes.dropLast(4)) == bytes.suffix(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
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
