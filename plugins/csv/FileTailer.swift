import EdgeCore

/// The polling loop the file sources share (`csv`, `jsonl`): lists the files `path` names,
/// forgets files that vanished or were replaced, announces the bytes still to read (lag), starts
/// a file that shrank over, and hands each file with unread bytes to the source's reader, from
/// where it stopped. A file is `final` (its last line counts even without a newline) in `--once`
/// mode or when it has not grown since the previous poll; otherwise it may still be being
/// written and is read up to its last complete line. Between polls it checkpoints while idle.
struct FileTailer {
    /// Reads `file` from `progress`, emitting batches and updating `position` with each; counts
    /// the bytes it consumes (`bytesRead`) and marks the file `done` (and `fileDone`) when a
    /// final file is read to its end.
    typealias ReadFile = (_ file: FileMatcher.Match, _ progress: FilePosition.FileProgress, _ final: Bool, _ position: inout FilePosition) async throws -> Void

    let path: String
    /// The files a directory `path` stands for: `*.<fileExtension>`.
    let fileExtension: String
    let pollInterval: Duration

    func run(_ context: SourceContext, read: ReadFile) async throws {
        var position = try FilePosition(checkpoint: context.restoredPosition)
        var previousSizes: [String: Int64] = [:]
        /// Per file (device:inode), the offset up to which its bytes are announced as expected.
        var announcedEnd: [String: Int64] = [:]
        var watch = MissingPathWatch(path: path)
        let metrics = context.stage.metrics
        while true {
            try watch.check(context)
            let matches = FileMatcher.files(for: path, extension: fileExtension)
            // A file gone or replaced (new inode) will not be read further: take its unread
            // bytes back, so the lag clears, and forget it.
            let present = Set(matches.map(Self.key))
            for (key, end) in announcedEnd where !present.contains(key) {
                let read = position.files.first { Self.key($0.device, $0.inode) == key }?.offset ?? 0
                metrics.forgetExpectedBytes(Int(max(0, end - read)))
                announcedEnd[key] = nil
            }
            position.files.removeAll { !present.contains(Self.key($0.device, $0.inode)) }
            // Everything still to read, for progress and lag: new files, and what grew since.
            for match in matches {
                let key = Self.key(match)
                let done = position.progress(device: match.device, inode: match.inode)?.offset ?? 0
                if let end = announcedEnd[key] {
                    if match.size > end { metrics.expectBytes(Int(match.size - end)) }
                } else {
                    metrics.expectBytes(Int(max(0, match.size - done)))
                }
                announcedEnd[key] = max(match.size, announcedEnd[key] ?? 0)
            }
            for match in matches {
                if context.isStopping { break }
                let key = Self.key(match)
                var progress = position.progress(device: match.device, inode: match.inode) ?? .init(start: match)
                progress.path = match.path
                if match.size < progress.offset {
                    context.stage.logger.warning("file shrank; reading it again from the start", metadata: ["file": "\(match.path)"])
                    // What was announced and not read is not coming; the whole new content is.
                    metrics.forgetExpectedBytes(Int(max(0, (announcedEnd[key] ?? 0) - progress.offset)))
                    metrics.expectBytes(Int(match.size))
                    announcedEnd[key] = match.size
                    progress = .init(start: match)
                }
                guard match.size > progress.offset else { continue }
                let final = context.mode == .once || previousSizes[key] == match.size
                try await read(match, progress, final, &position)
            }
            if context.mode == .once || context.isStopping { return }
            previousSizes = Dictionary(matches.map { (Self.key($0), $0.size) }, uniquingKeysWith: { first, _ in first })
            try await context.idle(position: try position.checkpoint())
            let deadline = ContinuousClock.now + pollInterval
            while ContinuousClock.now < deadline, !context.isStopping {
                try await Task.sleep(for: min(.milliseconds(100), pollInterval))
                try await context.idle(position: try position.checkpoint())
            }
            if context.isStopping { return }
        }
    }

    private static func key(_ match: FileMatcher.Match) -> String { key(match.device, match.inode) }

    private static func key(_ device: UInt64, _ inode: UInt64) -> String { "\(device):\(inode)" }
}
