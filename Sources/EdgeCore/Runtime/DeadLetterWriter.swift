import Foundation

/// Appends rejected records as JSON lines to a stage's dead-letter file. Its length is part of
/// each checkpoint, so a replay after a crash truncates back and never writes a letter twice.
public final class DeadLetterWriter: Sendable {
    public let path: String
    private struct State {
        var handle: FileHandle?
        var pending = Data()
        var length: UInt64 = 0
        var opened = false
    }
    private let state = LockedValue(State())

    public init(path: String) {
        self.path = path
    }

    /// Bytes written so far, including those not yet flushed.
    public var length: UInt64 { state.withLock { $0.length + UInt64($0.pending.count) } }

    /// Cuts the file back to `length` bytes (the checkpointed length) before anything is written.
    public func restore(length: UInt64) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        try state.withLock { state in
            try openLocked(&state)
            if state.length > length {
                try state.handle?.truncate(atOffset: length)
                state.length = length
            }
            try state.handle?.seekToEnd()
        }
    }

    /// Queues one letter: the fields given plus `stage` and a UTC `time`.
    public func write(_ fields: [String: any Sendable]) {
        var record = fields
        record["time"] = Timestamps.format(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000))
        guard var line = try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        line.append(0x0A)
        state.withLock { $0.pending.append(line) }
    }

    /// Writes queued letters and, with `sync`, forces them to disk.
    public func flush(sync: Bool) throws {
        try state.withLock { state in
            guard !state.pending.isEmpty || (sync && state.opened) else { return }
            try openLocked(&state)
            if !state.pending.isEmpty {
                try state.handle?.write(contentsOf: state.pending)
                state.length += UInt64(state.pending.count)
                state.pending.removeAll(keepingCapacity: true)
            }
            if sync { try state.handle?.synchronize() }
        }
    }

    private func openLocked(_ state: inout State) throws {
        guard !state.opened else { return }
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        let handle = try FileHandle(forUpdating: url)
        state.length = try handle.seekToEnd()
        state.handle = handle
        state.opened = true
    }

    public func close() {
        state.withLock { state in
            try? state.handle?.close()
            state.handle = nil
            state.opened = false
        }
    }
}
