import EdgeCore
import Foundation

/// Reads JSON lines (one object per line) from a file, a glob or a directory (its `*.jsonl`
/// files) into typed columns; follows the files like `csv` does (``FileTailer``: resumes where it
/// stopped, picks up appended and new files, lag, a file still being written read to its last
/// complete line). A line that is not an object, or whose values do not fit the columns, goes to
/// the dead-letter file with its file and line.
struct JSONLinesSource: SourceStage {
    let path: String
    let columns: [ColumnSpec]
    let schema: Schema
    let batchRows: Int
    let pollInterval: Duration

    func run(_ context: SourceContext) async throws {
        try await FileTailer(path: path, fileExtension: "jsonl", pollInterval: pollInterval).run(context) { file, progress, final, position in
            try await read(file, from: progress, final: final, position: &position, context: context)
        }
    }

    /// Reads the complete lines between `start` and the size the file had when listed, in
    /// batches of `batchRows`; with `final` (the file is not being written), a last line without
    /// a newline too.
    private func read(_ file: FileMatcher.Match, from start: FilePosition.FileProgress, final: Bool, position: inout FilePosition, context: SourceContext) async throws {
        guard let handle = FileHandle(forReadingAtPath: file.path) else { return }
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(start.offset))
        let data = try handle.read(upToCount: Int(file.size - start.offset)) ?? Data()
        let decoder = JSONRowDecoder(columns: columns, typing: .lenient)
        var progress = start
        var counted = start.offset
        var builders = columns.map { ColumnBuilder(type: $0.type, capacity: batchRows) }
        var rows = 0, firstLine = progress.line + 1
        var lineStart = data.startIndex
        func emit() async throws {
            guard rows > 0 || progress.offset > counted else { return }
            context.stage.metrics.bytesRead(Int(progress.offset - counted))
            counted = progress.offset
            let batch = RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish(reservingCapacity: batchRows) },
                                    provenance: Provenance(source: context.stage.id, origin: file.path, first: firstLine, last: progress.line))
            position.update(progress)
            try await context.emit(batch, position: try position.checkpoint())
            rows = 0
            firstLine = progress.line + 1
        }
        while lineStart < data.endIndex {
            let newline = data[lineStart...].firstIndex(of: 0x0A)
            guard newline != nil || final else { break }
            let lineEnd = newline ?? data.endIndex
            let line = data[lineStart..<lineEnd]
            lineStart = newline.map { $0 + 1 } ?? data.endIndex
            progress.line += 1
            progress.offset = start.offset + Int64(lineStart - data.startIndex)
            if lineStart == data.endIndex, final { progress.done = true }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            if let reason = decoder.append(json: Array(line), to: &builders) {
                context.stage.deadLetter(["file": file.path, "line": progress.line, "reason": reason.description, "raw": String(decoding: line.prefix(4096), as: UTF8.self)])
            } else {
                rows += 1
            }
            if rows >= batchRows { try await emit() }
        }
        try await emit()
        if progress.done { context.stage.metrics.fileDone() }
    }

}
