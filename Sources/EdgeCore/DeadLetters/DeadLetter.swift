import Foundation

/// One line of a dead-letter file read back for people: where the record came from, the
/// column and reason, and its raw text. Stages write letters with conventional fields (see
/// ``DeadLetterWriter``); any other field is kept in ``details``. A line that is not a JSON
/// object is kept too, marked ``corrupt``, with its text in ``raw``.
public struct DeadLetter: Sendable, Equatable {
    /// Byte offset of the line in its file: the cursor for the page of older letters.
    public var offset: UInt64
    public var stage: String
    /// When it was written (UTC, ISO 8601), empty when unknown.
    public var time: String
    /// `file:line`, `topic/partition/offset`, or the origin a sink recorded; empty when unknown.
    public var location: String
    /// The source file the record was read from, if any.
    public var file: String?
    public var column: String?
    public var reason: String
    /// The record as read (`raw`), else the values of the row a transform or sink refused.
    public var raw: String
    /// Whether ``raw`` is the record exactly as read, so it can be exported for replay.
    public var rawIsVerbatim: Bool
    /// The header line of the file the record came from (CSV sources write it).
    public var header: String?
    /// Other fields of the letter, as text.
    public var details: [Detail]
    /// The line is not a letter (not a JSON object); ``reason`` says why.
    public var corrupt: Bool

    public struct Detail: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The longest raw text a corrupt line is shown with.
    static let maxCorruptText = 4096

    /// Reads one line (without its line break) found at `offset` of `stage`'s file.
    public init(line: ArraySlice<UInt8>, offset: UInt64, stage: String) {
        self.init(offset: offset, stage: stage)
        let object: [(key: String, value: JSONValue)]
        do {
            guard case .object(let entries) = try JSONValue.parse(Array(line)) else {
                self = .corrupt(offset: offset, stage: stage, reason: "not a JSON object", text: line)
                return
            }
            object = entries
        } catch {
            self = .corrupt(offset: offset, stage: stage, reason: "not JSON: \(error)", text: line)
            return
        }
        var fields: [String: JSONValue] = [:]
        for entry in object { fields[entry.key] = entry.value }
        if let written = fields["stage"]?.string { self.stage = written }
        time = fields["time"]?.string ?? ""
        file = fields["file"]?.string
        column = fields["column"]?.plainText
        reason = ErrorText.redact(fields["reason"]?.plainText ?? "")
        header = fields["header"]?.string
        location = Self.location(fields)
        if let text = fields["raw"]?.string {
            raw = text
            rawIsVerbatim = true
        } else if let row = fields["row"]?.array {
            let names = fields["columns"]?.array?.map(\.plainText)
            raw = row.enumerated().map { index, value in
                guard let names, names.indices.contains(index) else { return value.plainText }
                return names[index] + "=" + value.plainText
            }.joined(separator: ", ")
        }
        details = object.filter { !Self.conventional.contains($0.key) }.map { Detail(name: $0.key, value: $0.value.plainText) }
    }

    /// The fields every view shows in their own place.
    static let conventional: Set<String> = [
        "stage", "time", "file", "line", "lines", "topic", "partition", "offset", "origin", "column", "reason", "raw", "row", "columns", "header",
    ]

    /// Where the record came from: `file:line`, `topic/partition/offset` or the recorded origin.
    static func location(_ fields: [String: JSONValue]) -> String {
        if let file = fields["file"]?.string {
            if let line = fields["line"] ?? fields["lines"] { return file + ":" + line.plainText }
            return file
        }
        if let topic = fields["topic"]?.string, let partition = fields["partition"], let offset = fields["offset"] {
            return "\(topic)/\(partition.plainText)/\(offset.plainText)"
        }
        return fields["origin"]?.plainText ?? ""
    }

    private init(offset: UInt64, stage: String) {
        self.offset = offset
        self.stage = stage
        time = ""
        location = ""
        reason = ""
        raw = ""
        rawIsVerbatim = false
        details = []
        corrupt = false
    }

    /// A line that is no letter, shown with what is wrong and (the start of) its text.
    static func corrupt(offset: UInt64, stage: String, reason: String, text: ArraySlice<UInt8>) -> DeadLetter {
        var letter = DeadLetter(offset: offset, stage: stage)
        letter.corrupt = true
        letter.reason = "corrupt line: " + reason
        letter.raw = String(decoding: text.prefix(maxCorruptText), as: UTF8.self)
        return letter
    }

    /// Whether any shown text contains `query` (ignoring case); an empty query matches all.
    public func matches(_ query: String) -> Bool {
        guard !query.isEmpty else { return true }
        let texts = [stage, time, location, column ?? "", reason, raw] + details.map(\.value)
        return texts.contains { $0.range(of: query, options: .caseInsensitive) != nil }
    }
}
