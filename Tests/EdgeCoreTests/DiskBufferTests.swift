import EdgeCore
import EdgeCoreTesting
import Foundation
import Testing

@Suite struct DiskBufferTests {
    static func batch(_ values: [Int64], names: [String?]) -> RecordBatch {
        var n = ColumnBuilder(type: .int), s = ColumnBuilder(type: .string), d = ColumnBuilder(type: .date)
        for (value, name) in zip(values, names) {
            n.append(int: value)
            if let name { s.append(string: name) } else { s.appendNull() }
            d.append(date: Int32(value))
        }
        return RecordBatch(schema: Schema([Field("n", .int), Field("s", .string, nullable: true), Field("d", .date)], kind: "k"),
                           columns: [n.finish(), s.finish(), d.finish()])
    }

    @Test func batchesRoundTripThroughTheCodec() throws {
        let original = Self.batch([1, 2, 3], names: ["a", nil, "tab\there \"quoted\""])
        let decoded = try BatchCodec.decode(BatchCodec.encode(original))
        #expect(decoded.schema == original.schema)
        #expect(decoded.columns == original.columns)
        var corrupt = BatchCodec.encode(original)
        corrupt.removeLast(3)
        #expect(throws: (any Error).self) { try BatchCodec.decode(corrupt) }
    }

    /// Found by `make fuzz` (target `buffer`): string offsets that go backwards but start at 0
    /// and end at the byte count read outside the column's bytes (ASan: heap-buffer-overflow).
    @Test func aStringColumnWhoseOffsetsGoBackwardsIsCorrupt() throws {
        func u32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
        func i32(_ value: Int32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
        // kind "", one field "a" (string, not nullable), 2 rows, no masks, offsets 0 5 3, bytes "abc"
        let header = u32(0) + u32(1) + u32(1) + Array("a".utf8) + [2, 0] + u32(2) + [0]
        let backwards = header + i32(0) + i32(5) + i32(3) + u32(3) + Array("abc".utf8)
        #expect(throws: (any Error).self) { try BatchCodec.decode(backwards) }
        let forwards = header + i32(0) + i32(1) + i32(3) + u32(3) + Array("abc".utf8)
        let batch = try BatchCodec.decode(forwards)
        #expect(batch.row(0) == [.string("a")] && batch.row(1) == [.string("bc")])
    }

    /// A buffered batch keeps the source range it covers (a sink keeping positions needs it when
    /// the buffer drains), and a batch written without one (an older buffer) still decodes.
    @Test func aSourceRangeSurvivesTheBuffer() throws {
        var batch = Self.batch([1, 2], names: ["one", "two"])
        let range = SourceRange(source: "tx", shard: "sales:3", from: 120, to: 9_000_000_000, owner: "c1")
        batch.provenance = Provenance(source: "tx", origin: "sales:3", range: range)
        let decoded = try BatchCodec.decode(BatchCodec.encode(batch))
        #expect(decoded.provenance?.range == range)
        #expect(decoded.row(1) == batch.row(1))
        batch.provenance = nil
        let plain = BatchCodec.encode(batch)
        #expect(try BatchCodec.decode(plain).provenance == nil)
        #expect(throws: (any Error).self) { try BatchCodec.decode(plain + [2]) }
    }

    @Test func aFIFOThatSurvivesReopeningAndCutsATornTail() throws {
        let directory = PipelineHarness.temporaryDirectory() + "/buffer"
        do {
            let buffer = DiskBuffer(directory: directory)
            try buffer.open()
            #expect(buffer.isEmpty)
            try buffer.append(Self.batch([1], names: ["one"]), input: 0)
            try buffer.append(Self.batch([2, 3], names: ["two", "three"]), input: 1)
            try buffer.sync()
            #expect(try buffer.head()?.batch.count == 1)
            try buffer.pop()
        }
        // A crash in the middle of an append leaves garbage after the last whole record.
        let log = URL(fileURLWithPath: directory + "/buffer.log")
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([7, 0, 0, 0, 1, 2]))
        try handle.close()
        let reopened = DiskBuffer(directory: directory)
        try reopened.open()
        let head = try #require(try reopened.head())
        #expect(head.input == 1)
        #expect(head.batch.row(1) == [.int(3), .string("three"), .date(3)])
        try reopened.pop()
        #expect(reopened.isEmpty)
        #expect(try FileManager.default.attributesOfItem(atPath: log.path)[.size] as? Int == 0)
    }
}

@Suite("Disk buffer: what it holds")
struct DiskBufferFillTests {
    @Test func pendingBatchesCountsAppendsPopsAndWhatARestartFinds() throws {
        let directory = NSTemporaryDirectory() + "/buffer-fill-\(UUID().uuidString)"
        let batch = DiskBufferTests.batch([1, 2, 3], names: ["a", nil, "c"])
        do {
            let buffer = DiskBuffer(directory: directory)
            try buffer.open()
            for _ in 0..<3 { try buffer.append(batch, input: 0) }
            #expect(buffer.pendingBatches == 3)
            try buffer.pop()
            #expect(buffer.pendingBatches == 2)
            try buffer.sync()
        }
        let reopened = DiskBuffer(directory: directory)
        try reopened.open()
        #expect(reopened.pendingBatches == 2)
        try reopened.pop()
        try reopened.pop()
        #expect(reopened.pendingBatches == 0)
        #expect(reopened.pendingBytes == 0)
    }
}
