import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A crash-safe FIFO of batches on disk for a sink whose destination is down: records
/// `[u32 length][u32 crc32][u8 input][batch]` appended to `buffer.log`, the read position kept in
/// `buffer.pos` (written atomically). On open, a torn or corrupt tail left by a crash is cut off.
/// Replaying a batch twice is harmless: sinks upsert.
public final class DiskBuffer {
    public let directory: String
    private var fd: Int32 = -1
    private var readOffset: Int64 = 0
    private var writeOffset: Int64 = 0
    private var dirty = false
    /// Batches between the read and the write position.
    public private(set) var pendingBatches = 0

    public init(directory: String) {
        self.directory = directory
    }

    deinit { if fd >= 0 { close(fd) } }

    private var logPath: String { directory + "/buffer.log" }
    private var positionPath: String { directory + "/buffer.pos" }

    /// Bytes waiting to be written to the destination.
    public var pendingBytes: Int64 { writeOffset - readOffset }
    public var isEmpty: Bool { pendingBytes == 0 }

    /// Opens (creating) the buffer and recovers what a previous run left.
    public func open() throws {
        guard fd < 0 else { return }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        fd = Glibc.open(logPath, O_RDWR | O_CREAT, 0o640)
        guard fd >= 0 else { throw DiskBufferError(path: logPath, message: String(cString: strerror(errno))) }
        readOffset = readPosition()
        // Walk the records from the read position; cut a torn or corrupt tail.
        var offset = readOffset
        let size = Int64(lseek(fd, 0, SEEK_END))
        pendingBatches = 0
        while offset < size, let length = recordLength(at: offset, fileSize: size) {
            offset += Int64(length)
            pendingBatches += 1
        }
        if offset < size { ftruncate(fd, off_t(offset)) }
        if readOffset > offset { readOffset = offset }
        writeOffset = offset
    }

    /// Appends a batch (not yet forced to disk; see ``sync()``).
    public func append(_ batch: RecordBatch, input: Int) throws {
        let payload = BatchCodec.encode(batch)
        var record: [UInt8] = []
        record.reserveCapacity(payload.count + 9)
        withUnsafeBytes(of: UInt32(payload.count + 1).littleEndian) { record.append(contentsOf: $0) }
        var body = [UInt8(truncatingIfNeeded: input)]
        body.append(contentsOf: payload)
        withUnsafeBytes(of: CRC32.checksum(body).littleEndian) { record.append(contentsOf: $0) }
        record.append(contentsOf: body)
        let written = record.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(writeOffset)) }
        guard written == record.count else { throw DiskBufferError(path: logPath, message: "short write: \(String(cString: strerror(errno)))") }
        writeOffset += Int64(record.count)
        pendingBatches += 1
        dirty = true
    }

    /// Forces appended batches to disk.
    public func sync() throws {
        guard dirty else { return }
        guard fsync(fd) == 0 else { throw DiskBufferError(path: logPath, message: "fsync: \(String(cString: strerror(errno)))") }
        dirty = false
    }

    /// The oldest batch and its input position, or `nil` when empty.
    public func head() throws -> (batch: RecordBatch, input: Int)? {
        guard !isEmpty else { return nil }
        var header = [UInt8](repeating: 0, count: 8)
        guard header.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, 8, off_t(readOffset)) }) == 8 else {
            throw DiskBufferError(path: logPath, message: "cannot read record header")
        }
        let length = Int(UInt32(header[0]) | UInt32(header[1]) << 8 | UInt32(header[2]) << 16 | UInt32(header[3]) << 24)
        var body = [UInt8](repeating: 0, count: length)
        guard body.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, length, off_t(readOffset + 8)) }) == length else {
            throw DiskBufferError(path: logPath, message: "cannot read record")
        }
        return (try BatchCodec.decode(Array(body[1...])), Int(body[0]))
    }

    /// Drops the oldest batch (it reached the destination); empties the file when all did.
    public func pop() throws {
        guard !isEmpty else { return }
        var header = [UInt8](repeating: 0, count: 4)
        _ = header.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 4, off_t(readOffset)) }
        let length = Int64(UInt32(header[0]) | UInt32(header[1]) << 8 | UInt32(header[2]) << 16 | UInt32(header[3]) << 24)
        readOffset += 8 + length
        pendingBatches = max(0, pendingBatches - 1)
        if readOffset >= writeOffset {
            pendingBatches = 0
            try sync()
            ftruncate(fd, 0)
            readOffset = 0
            writeOffset = 0
        }
        try savePosition()
    }

    private func recordLength(at offset: Int64, fileSize: Int64) -> Int? {
        guard offset + 8 <= fileSize else { return nil }
        var header = [UInt8](repeating: 0, count: 8)
        guard header.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, 8, off_t(offset)) }) == 8 else { return nil }
        let length = Int(UInt32(header[0]) | UInt32(header[1]) << 8 | UInt32(header[2]) << 16 | UInt32(header[3]) << 24)
        let crc = UInt32(header[4]) | UInt32(header[5]) << 8 | UInt32(header[6]) << 16 | UInt32(header[7]) << 24
        guard length > 0, offset + 8 + Int64(length) <= fileSize else { return nil }
        var body = [UInt8](repeating: 0, count: length)
        guard body.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, length, off_t(offset + 8)) }) == length,
              CRC32.checksum(body) == crc
        else { return nil }
        return 8 + length
    }

    private func readPosition() -> Int64 {
        let pfd = Glibc.open(positionPath, O_RDONLY)
        guard pfd >= 0 else { return 0 }
        defer { close(pfd) }
        var value: Int64 = 0
        return withUnsafeMutableBytes(of: &value) { read(pfd, $0.baseAddress, 8) } == 8 ? Int64(littleEndian: value) : 0
    }

    private func savePosition() throws {
        let temporary = positionPath + ".tmp"
        let pfd = Glibc.open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o640)
        guard pfd >= 0 else { throw DiskBufferError(path: temporary, message: String(cString: strerror(errno))) }
        var value = readOffset.littleEndian
        _ = withUnsafeBytes(of: &value) { write(pfd, $0.baseAddress, 8) }
        fsync(pfd)
        close(pfd)
        rename(temporary, positionPath)
    }
}
