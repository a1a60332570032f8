import EdgeCore
import Foundation

/// Reads JSON lines (one object per line) from a file, a glob or a directory (its `*.jsonl`
/// files) into typed columns; resumes where it stopped (device, inode and offset, like `csv`)
/// and picks up appended and new files. A line that is not an object, or whose values do not
/// fit the columns, goes to the dead-letter file with its file and line.
struct JSONLinesSource: SourceStage {
    let path: String
    let columns: [ColumnSpec]
    let schema: Schema
    let batchRows: Int
    let pollInterval: Duration

    func run(_ context: SourceContext) async throws {
        var position = CSVPosition()
        if let bytes = context.restoredPosition, !bytes.isEmpty {
            position = try JSONDecoder().decode(CSVPosition.self, from: Data(bytes))
        }
        var watch = MissingPathWatch(path: path)
        /// File sizes at the previous poll: a file that has not grown since ends with its last line.
        var previousSizes: [String: Int64] = [:]
        while true {
            try watch.check(context)
            let matches = FileMatcher.files(for: path, extension: "jsonl")
            for match in matches {
                if context.isStopping { break }
                var progress = position.progress(device: match.device, inode: match.inode)
                    ?? .init(path: match.path, device: match.device, inode: match.inode, offset: 0, line: 0, done: false)
                if match.size < progress.offset { progress = .init(path: match.path, device: match.device, inode: match.inode, offset: 0, line: 0, done: false) }
                guard match.size > progress.offset else { continue }
                let final = context.mode == .once || previousSizes["\(match.device):\(match.inode)"] == match.size
                try await read(match, from: progress, final: final, position: &position, context: context)
            }
            if context.mode == .once || context.isStopping { return }
            previousSizes = Dictionary(matches.map { ("\($0.device):\($0.inode)", $0.size) }, uniquingKeysWith: { a, _ in a })
            let deadline = ContinuousClock.now + pollInterval
            while ContinuousClock.now < deadline, !context.isStopping {
                try await Task.sleep(for: .milliseconds(100))
                try await context.idle(position: Array(try JSONEncoder().encode(position)))
            }
            if context.isStopping { return }
        }
    }

    /// Reads the complete lines after `start`, in batches of `batchRows`; with `final` (the file
    /// is not being written), a last line without a newline too.
    private func read(_ file: FileMatcher.Match, from start: CSVPosition.FileProgress, final: Bool, position: inout CSVPosition, context: SourceContext) async throws {
        guard let handle = FileHandle(forReadingAtPath: file.path) else { return }
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(start.offset))
        let data = handle.readDataToEndOfFile()
        var progress = start
        var builders = columns.map { ColumnBuilder(type: $0.type, capacity: batchRows) }
        var rows = 0, firstLine = progress.line + 1
        var lineStart = data.startIndex
        func emit() async throws {
            guard rows > 0 || progress.offset > start.offset else { return }
            let batch = RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish(reservingCapacity: batchRows) },
                                    provenance: Provenance(source: context.stage.id, origin: file.path, first: firstLine, last: progress.line))
            position.update(progress)
            try await context.emit(batch, position: Array(try JSONEncoder().encode(position)))
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
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            switch append(line, to: &builders) {
            case nil:
                rows += 1
            case let reason?:
                context.stage.deadLetter(["file": file.path, "line": progress.line, "reason": reason, "raw": String(decoding: line.prefix(4096), as: UTF8.self)])
            }
            if rows >= batchRows { try await emit() }
        }
        try await emit()
    }

    /// Appends one object's values, or returns why the line cannot be used (nothing appended).
    func append(_ line: Data, to builders: inout [ColumnBuilder]) -> String? {
        guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] else { return "not a JSON object" }
        var values: [Value] = []
        for column in columns {
            let raw = object[column.name]
            if raw == nil || raw is NSNull {
                guard column.nullable else { return "'\(column.name)' is missing" }
                values.append(.null)
                continue
            }
            guard let value = column.value(json: raw!) else { return "'\(column.name)' is not a \(column.type): \(raw!)" }
            values.append(value)
        }
        for (index, value) in values.enumerated() { builders[index].append(value) }
        return nil
    }
}
