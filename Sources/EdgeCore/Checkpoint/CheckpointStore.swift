#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and atomically replaces the pipeline's checkpoint file: written to a temporary file,
/// fsynced, renamed over the old one, and the directory fsynced, so a crash at any moment
/// leaves either the old or the new checkpoint, never a torn one.
///
/// Layout: `REDGECK1`, then sections `[u8 kind][u16 name length][name][u32 length][bytes]`
/// (kind 1 position, 2 state, 3 dead-letter length, 0 the checkpoint id), then a CRC-32 of
/// everything before it.
public struct CheckpointStore: Sendable {
    public let directory: String
    public var path: String { directory + "/checkpoint.bin" }
    private static let magic = Array("REDGECK1".utf8)

    public init(directory: String) {
        self.directory = directory
    }

    public func load() throws(CheckpointError) -> Checkpoint? {
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw CheckpointError(code: .io, path: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { throw CheckpointError(code: .io, path: path, message: "cannot read: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return try Self.decode(bytes, path: path)
    }

    public func save(_ checkpoint: Checkpoint) throws(CheckpointError) {
        let temporary = path + ".tmp"
        if mkdirAll(directory) != 0 {
            throw CheckpointError(code: .io, path: directory, message: "cannot create directory: \(String(cString: strerror(errno)))")
        }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o640)
        guard fd >= 0 else { throw CheckpointError(code: .io, path: temporary, message: "cannot create: \(String(cString: strerror(errno)))") }
        // Written as it is encoded: a state (tens of MB for a large aggregation) is not copied into
        // one buffer first; small pieces are gathered into writes of 64 KiB.
        var failure: Int32 = 0
        var pending: [UInt8] = []
        func writeAll(_ bytes: UnsafeRawBufferPointer) {
            var offset = 0
            while failure == 0, offset < bytes.count {
                let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { failure = n < 0 ? errno : EIO } else { offset += n }
            }
        }
        func flushPending() {
            pending.withUnsafeBytes { writeAll($0) }
            pending.removeAll(keepingCapacity: true)
        }
        Self.encode(checkpoint) { piece in
            if pending.count + piece.count <= 1 << 16 { return pending.append(contentsOf: piece) }
            flushPending()
            writeAll(piece)
        }
        flushPending()
        if failure != 0 {
            close(fd)
            throw CheckpointError(code: .io, path: temporary, message: "cannot write: \(String(cString: strerror(failure)))")
        }
        guard fsync(fd) == 0 else {
            close(fd)
            throw CheckpointError(code: .io, path: temporary, message: "cannot fsync: \(String(cString: strerror(errno)))")
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            throw CheckpointError(code: .io, path: path, message: "cannot rename: \(String(cString: strerror(errno)))")
        }
        let dirfd = open(directory, O_RDONLY)
        if dirfd >= 0 {
            fsync(dirfd)
            close(dirfd)
        }
    }

    /// Creates `path` and its parents.
    private func mkdirAll(_ path: String) -> Int32 {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o750) != 0, errno != EEXIST { return -1 }
        }
        return 0
    }

    static func encode(_ checkpoint: Checkpoint) -> [UInt8] {
        var out: [UInt8] = []
        encode(checkpoint) { out.append(contentsOf: $0) }
        return out
    }

    /// Hands the encoded checkpoint to `write` in order, piece by piece (the CRC-32 last).
    static func encode(_ checkpoint: Checkpoint, to write: (UnsafeRawBufferPointer) -> Void) {
        var crc: UInt32 = 0
        func put(_ bytes: UnsafeRawBufferPointer) {
            guard !bytes.isEmpty else { return }
            crc = CRC32.checksum(bytes, initial: crc)
            write(bytes)
        }
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { put($0) } }
        func section(_ kind: UInt8, _ name: String, _ payload: [UInt8]) {
            put(kind)
            let nameBytes = Array(name.utf8)
            put(UInt16(nameBytes.count))
            nameBytes.withUnsafeBytes { put($0) }
            put(UInt32(payload.count))
            payload.withUnsafeBytes { put($0) }
        }
        magic.withUnsafeBytes { put($0) }
        section(0, "", withUnsafeBytes(of: Int64(checkpoint.id).littleEndian, Array.init))
        for (name, position) in checkpoint.positions.sorted(by: { $0.key < $1.key }) { section(1, name, position) }
        for (name, state) in checkpoint.states.sorted(by: { $0.key < $1.key }) { section(2, name, state) }
        for (name, length) in checkpoint.deadLetterLengths.sorted(by: { $0.key < $1.key }) {
            section(3, name, withUnsafeBytes(of: length.littleEndian, Array.init))
        }
        withUnsafeBytes(of: crc.littleEndian) { write($0) }
    }

    static func decode(_ bytes: [UInt8], path: String) throws(CheckpointError) -> Checkpoint {
        func corrupt(_ why: String) -> CheckpointError {
            CheckpointError(code: .corrupt, path: path, message: "corrupt checkpoint (\(why)); remove it to reprocess all input from the start")
        }
        guard bytes.count >= magic.count + 4, Array(bytes[0..<magic.count]) == magic else { throw corrupt("bad header") }
        let body = bytes[0..<(bytes.count - 4)]
        let stored = bytes[(bytes.count - 4)...].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard CRC32.checksum(body) == stored else { throw corrupt("checksum mismatch") }
        func integer<T: FixedWidthInteger>(_ at: Int, _: T.Type) -> T {
            var value: T = 0
            for i in 0..<MemoryLayout<T>.size { value |= T(bytes[at + i]) << (8 * i) }
            return value
        }
        var checkpoint = Checkpoint(id: 0)
        var index = magic.count
        while index < body.count {
            guard index + 3 <= body.count else { throw corrupt("truncated section") }
            let kind = bytes[index]
            let nameLength = Int(integer(index + 1, UInt16.self))
            index += 3
            guard index + nameLength + 4 <= body.count else { throw corrupt("truncated section") }
            let name = String(decoding: bytes[index..<(index + nameLength)], as: UTF8.self)
            index += nameLength
            let length = Int(integer(index, UInt32.self))
            index += 4
            guard index + length <= body.count else { throw corrupt("truncated section") }
            let payload = Array(bytes[index..<(index + length)])
            switch kind {
            case 0 where length == 8: checkpoint.id = Int(integer(index, Int64.self))
            case 1: checkpoint.positions[name] = payload
            case 2: checkpoint.states[name] = payload
            case 3 where length == 8: checkpoint.deadLetterLengths[name] = integer(index, UInt64.self)
            default: throw corrupt("unknown section \(kind)")
            }
            index += length
        }
        return checkpoint
    }
}
