import EdgeCore
import EdgeCoreTesting
import Foundation
import Testing

/// Reading dead-letter files back: newest first in pages of bounded cost, search, and lines
/// that are not letters.
@Suite struct DeadLetterReaderTests {
    /// A reader of a fresh file holding `count` CSV letters written by the real writer, one per
    /// line of `/srv/drop/a.csv` from line 2 on.
    func written(_ count: Int) throws -> DeadLetterReader {
        let path = PipelineHarness.temporaryDirectory() + "/dead_letter/transactions.jsonl"
        let writer = DeadLetterWriter(path: path)
        for line in 2..<(count + 2) {
            writer.write([
                "stage": "transactions", "file": "/srv/drop/a.csv", "line": line, "column": "units",
                "reason": "invalid int in column 'units'", "raw": "2024-03-02T10:00:00,S1,P\(line),two,1.99", "header": "ts,store_id,product_id,units,unit_price",
            ])
        }
        try writer.flush(sync: true)
        writer.close()
        return DeadLetterReader(stage: "transactions", path: path)
    }

    func append(_ text: String, to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    @Test func pagesComeNewestFirstAndTogetherHoldEveryLetterOnce() throws {
        let reader = try written(3000)
        #expect(reader.size() > 3 * 65_536)
        let first = try reader.page(limit: 50)
        #expect(first.letters.map(\.location) == (2952...3001).reversed().map { "/srv/drop/a.csv:\($0)" })
        #expect(first.letters[0].column == "units")
        #expect(first.letters[0].raw == "2024-03-02T10:00:00,S1,P3001,two,1.99")
        #expect(first.letters[0].rawIsVerbatim)
        #expect(first.before == first.letters.last?.offset)
        var lines: [String] = first.letters.map(\.location)
        var before = first.before
        while let cursor = before {
            let page = try reader.page(limit: 77, before: cursor)
            lines += page.letters.map(\.location)
            before = page.before
        }
        #expect(lines == (2...3001).reversed().map { "/srv/drop/a.csv:\($0)" })
    }

    @Test func searchMatchesAnyShownTextIgnoringCase() throws {
        let reader = try written(200)
        let page = try reader.page(matching: ",p17,TWO", limit: 10)
        #expect(page.letters.map(\.location) == ["/srv/drop/a.csv:17"])
        #expect(page.before == nil)
        #expect(try reader.page(matching: "INVALID INT", limit: 1000).letters.count == 200)
        // Lines 10…19 and 100…199.
        #expect(try reader.page(matching: "a.csv:1", limit: 1000).letters.count == 110)
        #expect(try reader.page(matching: "no such text", limit: 10).letters.isEmpty)
    }

    @Test func aScanStopsAtItsByteBudgetAndResumesFromItsCursor() throws {
        let reader = try written(3000)
        let first = try reader.page(matching: ",P2,", limit: 10, maxScanBytes: 1)
        #expect(first.letters.isEmpty)
        #expect(first.scannedBytes < Int(first.fileBytes))
        var found: [String] = []
        var pages = 1
        var before = first.before
        while let cursor = before {
            let page = try reader.page(matching: ",P2,", limit: 10, before: cursor, maxScanBytes: 1)
            found += page.letters.map(\.location)
            before = page.before
            pages += 1
        }
        #expect(found == ["/srv/drop/a.csv:2"])
        #expect(pages > 3)
    }

    @Test func corruptLinesAreShownAsSuchAndAHalfWrittenLastLineWaits() throws {
        let reader = try written(1)
        try append("not json {\n[1,2]\n\n", to: reader.path)
        try append(#"{"stage":"transactions","file":"/srv/drop/b.csv","line":9,"reason":"late","raw":"x"}"# + "\n", to: reader.path)
        try append(#"{"stage":"transactions","file":"/srv/drop/b.csv","li"#, to: reader.path)
        let letters = try reader.page().letters
        #expect(letters.map(\.location) == ["/srv/drop/b.csv:9", "", "", "/srv/drop/a.csv:2"])
        #expect(letters.map(\.corrupt) == [false, true, true, false])
        #expect(letters[1].raw == "[1,2]")
        #expect(letters[1].reason == "corrupt line: not a JSON object")
        #expect(letters[2].raw == "not json {")
        #expect(letters[2].reason.hasPrefix("corrupt line: not JSON"))
        var forward: [DeadLetter] = []
        try reader.forEach { forward.append($0) }
        #expect(forward == letters.reversed())
    }

    @Test func aLineLongerThanTheLimitIsCorruptWithoutItsText() throws {
        let reader = try written(2)
        try append(String(repeating: "x", count: DeadLetterReader.maxLineBytes + 10) + "\n", to: reader.path)
        try append(#"{"stage":"transactions","reason":"after","raw":"y"}"# + "\n", to: reader.path)
        let letters = try reader.page().letters
        #expect(letters.map(\.reason) == ["after", "corrupt line: line of \(DeadLetterReader.maxLineBytes + 10) bytes is longer than \(DeadLetterReader.maxLineBytes)",
                                          "invalid int in column 'units'", "invalid int in column 'units'"])
        #expect(letters[1].raw.isEmpty)
        var forward: [DeadLetter] = []
        try reader.forEach { forward.append($0) }
        #expect(forward == letters.reversed())
    }

    @Test func aMissingFileHoldsNoLetters() throws {
        let reader = DeadLetterReader(stage: "quiet", path: PipelineHarness.temporaryDirectory() + "/none/quiet.jsonl")
        #expect(reader.size() == 0)
        #expect(try reader.page() == DeadLetterPage(stage: "quiet", letters: [], before: nil, scannedBytes: 0, fileBytes: 0))
        var count = 0
        try reader.forEach { _ in count += 1 }
        #expect(count == 0)
    }

    @Test func whereSaysFileAndLineTopicPartitionOffsetOrOriginAndSecretsAreRedacted() {
        func letter(_ json: String) -> DeadLetter { DeadLetter(line: Array(json.utf8)[...], offset: 0, stage: "s") }
        #expect(letter(#"{"topic":"tx","partition":3,"offset":1207,"reason":"bad","raw":"{}"}"#).location == "tx/3/1207")
        #expect(letter(#"{"file":"/d/a.csv","lines":"4-9","reason":"r"}"#).location == "/d/a.csv:4-9")
        let sink = letter(#"{"origin":"/d/a.csv:12","columns":["id","n"],"row":["7","x"],"reason":"rejected by the sink: password=hunter2 refused","batch":4}"#)
        #expect(sink.location == "/d/a.csv:12")
        #expect(sink.raw == "id=7, n=x")
        #expect(!sink.rawIsVerbatim)
        #expect(sink.reason == "rejected by the sink: password=*** refused")
        #expect(sink.details == [DeadLetter.Detail(name: "batch", value: "4")])
        #expect(sink.matches("HUNTER") == false)
        #expect(sink.jsonText.contains(#""where":"/d/a.csv:12""#))
        #expect(!sink.jsonText.contains("hunter2"))
    }
}
