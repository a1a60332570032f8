import Foundation

/// Where a file source (`csv`, `jsonl`) stands: per file (identified by device and inode, so
/// renames keep their progress and a replaced file starts over), the byte offset and line after
/// the last record emitted. Saved in checkpoints as JSON (`{"files":[{"path":…,"device":…,
/// "inode":…,"offset":…,"line":…,"done":…}]}`); that form must keep restoring.
struct FilePosition: Codable, Sendable, Equatable {
    struct FileProgress: Codable, Sendable, Equatable {
        var path: String
        var device: UInt64
        var inode: UInt64
        /// Byte offset after the last record consumed.
        var offset: Int64
        /// Lines consumed so far (a CSV header is line 1).
        var line: Int64
        /// The whole file was read (in `--once` mode, or complete and unchanged).
        var done: Bool

        /// Nothing read yet of `file`.
        init(start file: FileMatcher.Match) {
            self.init(path: file.path, device: file.device, inode: file.inode, offset: 0, line: 0, done: false)
        }

        init(path: String, device: UInt64, inode: UInt64, offset: Int64, line: Int64, done: Bool) {
            self.path = path
            self.device = device
            self.inode = inode
            self.offset = offset
            self.line = line
            self.done = done
        }
    }

    var files: [FileProgress] = []

    init() {}

    /// The position saved in a checkpoint; empty without one.
    init(checkpoint bytes: [UInt8]?) throws {
        guard let bytes, !bytes.isEmpty else { return }
        self = try JSONDecoder().decode(FilePosition.self, from: Data(bytes))
    }

    /// The position as a checkpoint saves it.
    func checkpoint() throws -> [UInt8] {
        Array(try JSONEncoder().encode(self))
    }

    func progress(device: UInt64, inode: UInt64) -> FileProgress? {
        files.first { $0.device == device && $0.inode == inode }
    }

    mutating func update(_ progress: FileProgress) {
        if let index = files.firstIndex(where: { $0.device == progress.device && $0.inode == progress.inode }) {
            files[index] = progress
        } else {
            files.append(progress)
        }
    }
}
