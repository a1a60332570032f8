#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EdgeCore
import Foundation

/// Appends each batch to a file (JSON lines or CSV), then fsyncs it, so a written batch is
/// durable before the runtime counts it. Runs on a dedicated thread: writes and fsync block.
actor FileSink: SinkStage {
    let path: String
    let format: FileFormat
    /// The CSV header, written when the file is empty; `nil` for JSON lines.
    let csvHeader: [String]?
    nonisolated let executor: DedicatedThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    private var fd: Int32 = -1

    init(path: String, format: FileFormat, csvHeader: [String]?, stage: String) {
        self.path = path
        self.format = format
        self.csvHeader = csvHeader
        self.executor = DedicatedThreadExecutor(name: "file:\(stage)")
    }

    deinit {
        if fd >= 0 { closeFile(fd) }
        executor.shutdown()
    }

    func open(_ context: StageContext) async throws {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        } catch {
            throw FileSinkError(code: .open, path: path, message: "cannot create directory: \(error)")
        }
        let opened = openFile(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard opened >= 0 else { throw FileSinkError(code: .open, path: path, message: "cannot open: \(String(cString: strerror(errno)))") }
        fd = opened
        if let csvHeader, lseek(opened, 0, SEEK_END) == 0 {
            try append(FileFormat.csvLine(csvHeader))
        }
    }

    func write(_ batch: RecordBatch, input: Int) async throws {
        try append(format.encode(batch))
    }

    /// Every batch is synced as it is written: nothing is pending.
    func commit() async throws {}

    func close() async {
        if fd >= 0 { closeFile(fd) }
        fd = -1
    }

    private func append(_ text: String) throws {
        guard fd >= 0 else { throw FileSinkError(code: .notOpen, path: path, message: "the file is not open") }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { writeFile(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw FileSinkError(code: .write, path: path, message: "cannot write: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        guard fsync(fd) == 0 else { throw FileSinkError(code: .sync, path: path, message: "cannot fsync: \(String(cString: strerror(errno)))") }
    }
}

// The system calls, named apart from the sink's own `open`, `write` and `close`.
private func openFile(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func writeFile(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(fd, bytes, count) }
private func closeFile(_ fd: Int32) { close(fd) }
