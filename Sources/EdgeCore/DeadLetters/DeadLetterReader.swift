import Foundation

/// Reads a stage's dead-letter file back. Pages come newest first at bounded cost: the file is
/// read backwards from its end (or a cursor) in chunks, stopping at `limit` letters or
/// `maxScanBytes` read, whichever comes first. A missing file holds no letters; a line that is
/// not a letter comes back marked corrupt; a last line without its line break (being written)
/// is left for a later read.
public struct DeadLetterReader: Sendable {
    public let stage: String
    public let path: String
    /// A longer line comes back as corrupt, without its text, so one line cannot exhaust memory.
    public static let maxLineBytes = 1 << 20
    static let chunkBytes = 64 << 10

    public init(stage: String, path: String) {
        self.stage = stage
        self.path = path
    }

    /// The file's size in bytes; 0 when there is none.
    public func size() -> UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.uint64Value ?? 0
    }

    /// Up to `limit` letters matching `query` (see ``DeadLetter/matches(_:)``), newest first,
    /// older than the cursor `before` (a byte offset a previous page returned).
    public func page(matching query: String = "", limit: Int = 100, before: UInt64? = nil, maxScanBytes: Int = 8 << 20) throws(DeadLetterError) -> DeadLetterPage {
        guard let handle = try open() else {
            return DeadLetterPage(stage: stage, letters: [], before: nil, scannedBytes: 0, fileBytes: 0)
        }
        defer { try? handle.close() }
        let size = try io { try handle.seekToEnd() }
        let limit = max(1, limit)
        var letters: [DeadLetter] = []
        var scanned = 0
        var position = min(before ?? size, size)
        // The bytes after the newest line break seen so far: the end of a line whose start is
        // in an earlier chunk. Not terminated until a line break after it has been seen.
        var line = PartialLine()
        var terminated = false
        func take(_ text: ArraySlice<UInt8>, at offset: UInt64, overlong: Int?) -> Bool {
            if let overlong {
                letters.append(.corrupt(offset: offset, stage: stage, reason: "line of \(overlong) bytes is longer than \(Self.maxLineBytes)", text: []))
            } else if !text.isEmpty {
                let letter = DeadLetter(line: text, offset: offset, stage: stage)
                if letter.matches(query) { letters.append(letter) }
            }
            return letters.count >= limit || scanned >= maxScanBytes
        }
        while position > 0 {
            let start = position - min(UInt64(Self.chunkBytes), position)
            let chunk = try read(handle, from: start, count: Int(position - start))
            scanned += chunk.count
            var lineEnd = chunk.count
            for index in chunk.indices.reversed() where chunk[index] == UInt8(ascii: "\n") {
                if terminated {
                    let text = line.prepend(chunk[(index + 1)..<lineEnd])
                    let offset = start + UInt64(index + 1)
                    if take(text, at: offset, overlong: line.overlongLength) {
                        let cursor = letters.count >= limit ? letters[letters.count - 1].offset : offset
                        return DeadLetterPage(stage: stage, letters: letters, before: cursor, scannedBytes: scanned, fileBytes: size)
                    }
                }
                line = PartialLine()
                terminated = true
                lineEnd = index
            }
            _ = line.prepend(chunk[0..<lineEnd])
            position = start
        }
        if terminated {
            _ = take(line.bytes[...], at: 0, overlong: line.overlongLength)
        }
        return DeadLetterPage(stage: stage, letters: letters, before: nil, scannedBytes: scanned, fileBytes: size)
    }

    /// Calls `body` with every letter, oldest first (for export).
    public func forEach(_ body: (DeadLetter) throws(DeadLetterError) -> Void) throws(DeadLetterError) {
        guard let handle = try open() else { return }
        defer { try? handle.close() }
        var position: UInt64 = 0
        var line: [UInt8] = []
        var lineStart: UInt64 = 0
        var overlong = 0
        while true {
            let chunk = try read(handle, from: position, count: Self.chunkBytes)
            if chunk.isEmpty { return }
            var segmentStart = 0
            for index in chunk.indices where chunk[index] == UInt8(ascii: "\n") {
                let segment = chunk[segmentStart..<index]
                if overlong > 0 || line.count + segment.count > Self.maxLineBytes {
                    let length = overlong + line.count + segment.count
                    try body(.corrupt(offset: lineStart, stage: stage, reason: "line of \(length) bytes is longer than \(Self.maxLineBytes)", text: []))
                } else if !(line.isEmpty && segment.isEmpty) {
                    try body(DeadLetter(line: line.isEmpty ? segment : (line + segment)[...], offset: lineStart, stage: stage))
                }
                line.removeAll(keepingCapacity: true)
                overlong = 0
                segmentStart = index + 1
                lineStart = position + UInt64(segmentStart)
            }
            line.append(contentsOf: chunk[segmentStart...])
            if line.count > Self.maxLineBytes {
                overlong += line.count
                line.removeAll()
            }
            position += UInt64(chunk.count)
        }
    }

    private func open() throws(DeadLetterError) -> FileHandle? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DeadLetterError(.unreadable, "\(path): cannot open the dead-letter file of stage '\(stage)'")
        }
        return handle
    }

    private func read(_ handle: FileHandle, from offset: UInt64, count: Int) throws(DeadLetterError) -> [UInt8] {
        try io {
            try handle.seek(toOffset: offset)
            return [UInt8](try handle.read(upToCount: count) ?? Data())
        }
    }

    private func io<T>(_ body: () throws -> T) throws(DeadLetterError) -> T {
        do {
            return try body()
        } catch {
            throw DeadLetterError(.unreadable, "\(path): cannot read the dead-letter file of stage '\(stage)': \(ErrorText.describe(error))")
        }
    }

    /// The end of a line read backwards, chunk by chunk; beyond ``maxLineBytes`` only its
    /// length is kept.
    private struct PartialLine {
        var bytes: [UInt8] = []
        var length = 0
        var overlongLength: Int? { length > DeadLetterReader.maxLineBytes ? length : nil }

        /// Puts `part` before what is kept and returns the whole line so far.
        mutating func prepend(_ part: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            length += part.count
            if length > DeadLetterReader.maxLineBytes {
                bytes = []
            } else if bytes.isEmpty {
                bytes = Array(part)
            } else {
                bytes.insert(contentsOf: part, at: 0)
            }
            return bytes[...]
        }
    }
}
