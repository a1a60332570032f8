/// Where a CSV source stands: per file (identified by device and inode, so renames keep their
/// progress and a replaced file starts over), the byte offset and line after the last record
/// emitted.
struct CSVPosition: Codable, Sendable, Equatable {
    struct FileProgress: Codable, Sendable, Equatable {
        var path: String
        var device: UInt64
        var inode: UInt64
        /// Byte offset after the last record consumed.
        var offset: Int64
        /// Lines consumed so far (the header is line 1).
        var line: Int64
        /// The whole file was read (in `--once` mode, or complete and unchanged).
        var done: Bool
    }

    var files: [FileProgress] = []

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
