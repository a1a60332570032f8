#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EdgeCore
import Foundation

/// Reads CSV files (one file, a glob or a directory), parses typed columns and emits batches.
/// Rows that do not parse go to the dead-letter output with file, line, reason, the raw row and
/// the file's header line (so `dead-letters export` can rebuild a file to replay); every good
/// row still flows. Resumes at the byte offset of the last checkpoint.
struct CSVSource: SourceStage {
    let path: String
    let columns: [ColumnSpec]
    let header: Bool
    let delimiter: UInt8
    let batchRows: Int
    let pollInterval: Duration
    /// A record longer than this is dead-lettered and skipped, so one runaway line cannot
    /// exhaust memory.
    let maxRecordBytes: Int
    let schema: Schema

    static let chunkSize = 1 << 20
    static let maxRawBytes = 4096

    func run(_ context: SourceContext) async throws {
        try await FileTailer(path: path, fileExtension: "csv", pollInterval: pollInterval).run(context) { file, progress, final, position in
            try await readFile(file, from: progress, final: final, position: &position, context: context)
        }
    }

    /// The state of reading one file.
    private struct FileReader {
        var buffer: [UInt8]
        /// File offset of `buffer[0]`.
        var bufferFileOffset: Int64
        /// Parse position within `buffer`.
        var cursor: Int
        var eof: Bool
        var progress: FilePosition.FileProgress
        /// The file's header line, written into its letters.
        var header: String?
    }

    private func readFile(_ file: FileMatcher.Match, from start: FilePosition.FileProgress, final: Bool, position: inout FilePosition, context: SourceContext) async throws {
        let fd = open(file.path, O_RDONLY)
        guard fd >= 0 else {
            throw CSVSourceError(path: file.path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let tokenizer = CSVTokenizer(delimiter: delimiter)
        var progress = start
        let fieldMap: [Int]
        let expectedFields: Int
        var headerLine: String?
        if header {
            switch try readHeader(fd: fd, path: file.path, tokenizer: tokenizer, final: final) {
            case .incomplete:
                // A file still being written: look again at the next poll.
                return
            case .success(let map, let count, let headerEnd, let headerLines, let line):
                fieldMap = map
                expectedFields = count
                headerLine = line
                if progress.offset == 0 {
                    progress.offset = headerEnd
                    progress.line = headerLines
                    context.stage.metrics.bytesRead(Int(headerEnd))
                }
            case .failure(let reason, let raw):
                context.stage.logger.error("cannot read CSV header; skipping file", metadata: ["file": "\(file.path)", "reason": "\(reason)"])
                context.stage.deadLetter(["file": file.path, "line": 1, "reason": reason, "raw": raw])
                try context.stage.deadLetters.flush(sync: false)
                // The file is skipped: its unread bytes no longer count as lag.
                context.stage.metrics.forgetExpectedBytes(Int(max(0, file.size - progress.offset)))
                progress.offset = file.size
                progress.done = true
                position.update(progress)
                try await context.idle(position: try position.checkpoint())
                return
            }
        } else {
            fieldMap = Array(columns.indices)
            expectedFields = columns.count
            if progress.offset == 0 { progress.offset = skipBOM(fd: fd) }
        }
        var reader = FileReader(buffer: [], bufferFileOffset: progress.offset, cursor: 0, eof: false, progress: progress, header: headerLine)
        guard lseek(fd, off_t(progress.offset), SEEK_SET) >= 0 else {
            throw CSVSourceError(path: file.path, message: "cannot seek: \(String(cString: strerror(errno)))")
        }
        var builders = columns.map { ColumnBuilder(type: $0.type, capacity: batchRows) }
        var letters: [[String: any Sendable]] = []
        var firstLine = reader.progress.line + 1
        while true {
            if !reader.eof { try fill(&reader, fd: fd, path: file.path, context: context) }
            let atEnd = reader.eof && final
            let full = parse(&reader, final: atEnd, tokenizer: tokenizer, fieldMap: fieldMap, expectedFields: expectedFields,
                             builders: &builders, letters: &letters, path: file.path)
            if !full, !reader.eof, reader.buffer.count - reader.cursor > maxRecordBytes {
                try skipLongRecord(&reader, fd: fd, path: file.path, letters: &letters, context: context)
                continue
            }
            let exhausted = !full && (reader.eof || context.isStopping)
            if full || exhausted {
                if exhausted, atEnd, reader.cursor == reader.buffer.count { reader.progress.done = true }
                for letter in letters { context.stage.deadLetter(letter) }
                letters.removeAll()
                try context.stage.deadLetters.flush(sync: false)
                var columnsOut: [Column] = []
                for index in builders.indices { columnsOut.append(builders[index].finish(reservingCapacity: exhausted ? 0 : batchRows)) }
                let batch = RecordBatch(schema: schema, columns: columnsOut,
                                        provenance: Provenance(source: context.stage.id, origin: file.path, first: firstLine, last: reader.progress.line))
                firstLine = reader.progress.line + 1
                position.update(reader.progress)
                try await context.emit(batch, position: try position.checkpoint())
                if exhausted {
                    if reader.progress.done { context.stage.metrics.fileDone() }
                    return
                }
            }
        }
    }

    /// Skips the record at the cursor up to the next line break, dead-lettering its start.
    private func skipLongRecord(_ reader: inout FileReader, fd: Int32, path: String, letters: inout [[String: any Sendable]], context: SourceContext) throws {
        let line = reader.progress.line + 1
        let raw = String(decoding: reader.buffer[reader.cursor..<min(reader.buffer.count, reader.cursor + Self.maxRawBytes)], as: UTF8.self)
        while true {
            if let newline = reader.buffer[reader.cursor...].firstIndex(of: UInt8(ascii: "\n")) {
                reader.cursor = newline + 1
                break
            }
            reader.cursor = reader.buffer.count
            if reader.eof { break }
            try fill(&reader, fd: fd, path: path, context: context)
        }
        reader.progress.line += 1
        reader.progress.offset = reader.bufferFileOffset + Int64(reader.cursor)
        letters.append(letter(path: path, line: line, reason: "record longer than \(maxRecordBytes) bytes; skipped to the next line", raw: raw, header: reader.header))
    }

    private func fill(_ reader: inout FileReader, fd: Int32, path: String, context: SourceContext) throws {
        // Keep the unparsed tail, then append a chunk.
        if reader.cursor > 0 {
            reader.bufferFileOffset += Int64(reader.cursor)
            reader.buffer.removeFirst(reader.cursor)
            reader.cursor = 0
        }
        let old = reader.buffer.count
        reader.buffer.append(contentsOf: repeatElement(0, count: Self.chunkSize))
        let n = reader.buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + old, Self.chunkSize) }
        if n < 0 {
            reader.buffer.removeLast(Self.chunkSize)
            throw CSVSourceError(path: path, message: "cannot read: \(String(cString: strerror(errno)))")
        }
        reader.buffer.removeLast(Self.chunkSize - n)
        if n == 0 { reader.eof = true }
        context.stage.metrics.bytesRead(n)
    }

    /// Parses records from the buffer into the builders. Returns true when a batch is full.
    private func parse(
        _ reader: inout FileReader, final: Bool, tokenizer: CSVTokenizer, fieldMap: [Int], expectedFields: Int,
        builders: inout [ColumnBuilder], letters: inout [[String: any Sendable]], path: String
    ) -> Bool {
        var fields: [CSVTokenizer.FieldRange] = []
        fields.reserveCapacity(expectedFields + 1)
        var scratch: [UInt8] = []
        var slots = [Slot](repeating: Slot(), count: columns.count)
        let columns = self.columns
        // Per column, what the row loop reads (plain values: no copy of a ColumnSpec per field).
        let kinds = columns.map { FieldKind(type: $0.type, nullable: $0.nullable, hasFormat: $0.format != nil) }
        let baseOffset = reader.bufferFileOffset
        let header = reader.header
        var cursor = reader.cursor
        var progress = reader.progress
        defer {
            reader.cursor = cursor
            reader.progress = progress
        }
        return reader.buffer.withUnsafeBufferPointer { buffer in
            while cursor < buffer.count || (final && cursor < buffer.count) {
                let line = progress.line + 1
                let outcome = tokenizer.next(in: buffer, at: cursor, final: final, fields: &fields)
                switch outcome {
                case .incomplete:
                    return false
                case .malformed(let next, let newlines, let reason):
                    letters.append(letter(path: path, line: line, reason: reason, raw: raw(buffer, cursor, next), header: header))
                    cursor = next
                    progress.line += Int64(max(newlines, 1))
                    progress.offset = baseOffset + Int64(cursor)
                case .record(let next, let newlines):
                    let start = cursor
                    cursor = next
                    progress.line += Int64(max(newlines, 1))
                    progress.offset = baseOffset + Int64(cursor)
                    if fields.count == 1, fields[0].start == fields[0].end, buffer[start] != tokenizer.quote { continue }
                    guard fields.count == expectedFields else {
                        letters.append(letter(path: path, line: line, reason: "expected \(expectedFields) fields, found \(fields.count)", raw: raw(buffer, start, next), header: header))
                        continue
                    }
                    var failure: (column: String, reason: String)?
                    for index in kinds.indices {
                        let field = fields[fieldMap[index]]
                        if let reason = Self.convert(buffer, field, kinds[index], index, columns, tokenizer: tokenizer, scratch: &scratch, into: &slots[index]) {
                            failure = (columns[index].name, reason)
                            break
                        }
                    }
                    if let failure {
                        var entry = letter(path: path, line: line, reason: failure.reason, raw: raw(buffer, start, next), header: header)
                        entry["column"] = failure.column
                        letters.append(entry)
                        continue
                    }
                    for index in columns.indices {
                        Self.append(slots[index], buffer: buffer, tokenizer: tokenizer, scratch: &scratch, to: &builders[index])
                    }
                    if builders[0].count >= batchRows { return true }
                }
            }
            return false
        }
    }

    /// One parsed value waiting to be appended once the whole row is known to be good.
    struct Slot {
        var isNull = false
        /// A timestamp written without a zone.
        var naive = false
        var bits: Int64 = 0
        var double: Double = 0
        var field = CSVTokenizer.FieldRange(start: 0, end: 0, escaped: false)
    }

    /// What parsing a field needs to know of its column.
    struct FieldKind {
        var type: ColumnType
        var nullable: Bool
        /// A date or timestamp format other than ISO 8601 (read from the ``ColumnSpec``).
        var hasFormat: Bool
    }

    /// Parses a field for column `index` into `slot`; returns the reason when it is not valid.
    @inline(__always)
    private static func convert(
        _ buffer: UnsafeBufferPointer<UInt8>, _ field: CSVTokenizer.FieldRange, _ kind: FieldKind, _ index: Int, _ columns: [ColumnSpec],
        tokenizer: CSVTokenizer, scratch: inout [UInt8], into slot: inout Slot
    ) -> String? {
        slot.isNull = false
        slot.field = field
        if field.start == field.end {
            if kind.nullable {
                slot.isNull = true
                return nil
            }
            return "empty value in column '\(columns[index].name)'"
        }
        var bytes = UnsafeBufferPointer(rebasing: buffer[field.start..<field.end])
        if kind.type == .string {
            // Repaired text would merge different bad ids into one key: the row is dead-lettered.
            return UTF8Validation.isValid(bytes) ? nil : "invalid UTF-8 in column '\(columns[index].name)'"
        }
        if field.escaped {
            tokenizer.unescape(buffer, field, into: &scratch)
            return scratch.withUnsafeBufferPointer { unescaped in
                convertValue(unescaped, kind, index, columns, into: &slot)
            }
        }
        // Tolerate spaces around numbers and dates.
        while let first = bytes.first, first == UInt8(ascii: " ") { bytes = UnsafeBufferPointer(rebasing: bytes.dropFirst()) }
        while let last = bytes.last, last == UInt8(ascii: " ") { bytes = UnsafeBufferPointer(rebasing: bytes.dropLast()) }
        return convertValue(bytes, kind, index, columns, into: &slot)
    }

    @inline(__always)
    private static func convertValue(_ bytes: UnsafeBufferPointer<UInt8>, _ kind: FieldKind, _ index: Int, _ columns: [ColumnSpec], into slot: inout Slot) -> String? {
        switch kind.type {
        case .int:
            guard let v = FieldParser.int(bytes) else { return "invalid int in column '\(columns[index].name)'" }
            slot.bits = v
        case .double:
            guard let v = FieldParser.double(bytes) else { return "invalid number in column '\(columns[index].name)'" }
            slot.double = v
        case .bool:
            guard let v = FieldParser.bool(bytes) else { return "invalid bool in column '\(columns[index].name)'" }
            slot.bits = v ? 1 : 0
        case .date:
            if kind.hasFormat, let format = columns[index].format {
                guard let v = format.date(bytes) else { return "invalid date in column '\(columns[index].name)' (expected \(format.pattern))" }
                slot.bits = Int64(v)
            } else {
                guard let v = FieldParser.date(bytes) else { return "invalid date in column '\(columns[index].name)' (expected YYYY-MM-DD)" }
                slot.bits = Int64(v)
            }
        case .timestamp:
            if kind.hasFormat, let format = columns[index].format {
                guard let v = format.timestamp(bytes) else { return "invalid timestamp in column '\(columns[index].name)' (expected \(format.pattern))" }
                slot.bits = v
                slot.naive = !format.hasZone
            } else {
                guard let v = FieldParser.timestamp(bytes, naive: &slot.naive) else { return "invalid timestamp in column '\(columns[index].name)' (expected ISO 8601)" }
                slot.bits = v
            }
        case .string:
            break
        }
        return nil
    }

    @inline(__always)
    private static func append(_ slot: Slot, buffer: UnsafeBufferPointer<UInt8>, tokenizer: CSVTokenizer, scratch: inout [UInt8], to builder: inout ColumnBuilder) {
        if slot.isNull {
            builder.appendNull()
            return
        }
        switch builder.type {
        case .int: builder.append(int: slot.bits)
        case .timestamp: if slot.naive { builder.append(naiveTimestamp: slot.bits) } else { builder.append(int: slot.bits) }
        case .double: builder.append(double: slot.double)
        case .bool: builder.append(bool: slot.bits != 0)
        case .date: builder.append(date: Int32(slot.bits))
        case .string:
            if slot.field.escaped {
                tokenizer.unescape(buffer, slot.field, into: &scratch)
                scratch.withUnsafeBufferPointer { builder.append(utf8: $0) }
            } else {
                builder.append(utf8: UnsafeBufferPointer(rebasing: buffer[slot.field.start..<slot.field.end]))
            }
        }
    }

    private func letter(path: String, line: Int64, reason: String, raw: String, header: String?) -> [String: any Sendable] {
        var letter: [String: any Sendable] = ["file": path, "line": Int(line), "reason": reason, "raw": raw]
        if let header { letter["header"] = header }
        return letter
    }

    private func raw(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        var stop = min(end, start + Self.maxRawBytes)
        while stop > start, buffer[stop - 1] == UInt8(ascii: "\n") || buffer[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<stop]), as: UTF8.self)
    }

    private enum HeaderResult {
        case incomplete
        case success(map: [Int], fieldCount: Int, end: Int64, lines: Int64, line: String)
        case failure(reason: String, raw: String)
    }

    private func skipBOM(fd: Int32) -> Int64 {
        var bom = [UInt8](repeating: 0, count: 3)
        let n = bom.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 3, 0) }
        return n == 3 && bom == [0xEF, 0xBB, 0xBF] ? 3 : 0
    }

    /// Reads the header record from the start of the file and maps configured columns to fields.
    private func readHeader(fd: Int32, path: String, tokenizer: CSVTokenizer, final: Bool) throws -> HeaderResult {
        let start = skipBOM(fd: fd)
        var bytes = [UInt8]()
        var offset = start
        var fields: [CSVTokenizer.FieldRange] = []
        while true {
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
            if n < 0 { throw CSVSourceError(path: path, message: "cannot read: \(String(cString: strerror(errno)))") }
            bytes.append(contentsOf: chunk[0..<n])
            offset += Int64(n)
            let outcome = bytes.withUnsafeBufferPointer { tokenizer.next(in: $0, at: 0, final: n == 0 && final, fields: &fields) }
            switch outcome {
            case .incomplete:
                if bytes.count > 1 << 20 { return .failure(reason: "header line longer than 1 MiB", raw: "") }
                if n == 0 { return .incomplete }
                continue
            case .malformed(_, _, let reason):
                return .failure(reason: "malformed header: \(reason)", raw: String(decoding: bytes.prefix(Self.maxRawBytes), as: UTF8.self))
            case .record(let next, let newlines):
                var names: [String] = []
                var scratch: [UInt8] = []
                bytes.withUnsafeBufferPointer { buffer in
                    for field in fields {
                        if field.escaped {
                            tokenizer.unescape(buffer, field, into: &scratch)
                            names.append(String(decoding: scratch, as: UTF8.self))
                        } else {
                            names.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[field.start..<field.end]), as: UTF8.self))
                        }
                    }
                }
                names = names.map { $0.trimmingCharacters(in: .whitespaces) }
                let line = String(decoding: bytes[0..<next], as: UTF8.self).trimmingCharacters(in: .newlines)
                var map: [Int] = []
                for column in columns {
                    guard let index = names.firstIndex(of: column.name) else {
                        var reason = "header has no column '\(column.name)' (it has: \(names.joined(separator: ", ")))"
                        if let suggestion = EditDistance.suggestion(for: column.name, among: names) { reason += "; did you mean '\(suggestion)'?" }
                        return .failure(reason: reason, raw: line)
                    }
                    map.append(index)
                }
                return .success(map: map, fieldCount: names.count, end: start + Int64(next), lines: Int64(max(newlines, 1)), line: line)
            }
        }
    }
}
