import EdgeCore
import Testing

/// Exporting a source's rejected rows to fix and replay: header first, rows oldest first, and a
/// refusal where one file cannot hold them.
@Suite struct DeadLetterExportTests {
    let header = "ts,store_id,product_id,units,unit_price"

    func csvLetter(_ file: String, _ line: Int, _ raw: String, header: String?) -> DeadLetter {
        var json = #"{"stage":"transactions","file":"\#(file)","line":\#(line),"reason":"invalid int in column 'units'","raw":"\#(raw)""#
        if let header { json += #","header":"\#(header)""# }
        return DeadLetter(line: Array((json + "}").utf8)[...], offset: UInt64(line), stage: "transactions")
    }

    @Test func theHeaderLineComesFirstThenTheRawRowsOldestFirst() throws {
        let letters = [
            csvLetter("/drop/a.csv", 4, "2024-03-02T10:00:00,S1,P7,two,1.99", header: header),
            csvLetter("/drop/b.csv", 2, "2024-13-02T10:00:00,S2,P1,1,0.5", header: header),
            csvLetter("/drop/a.csv", 9, "2024-03-02T11:00:00,S1,P8,1", header: header),
        ]
        let export = try DeadLetterExport(letters: letters, stage: "transactions")
        #expect(export.text == header + "\n2024-03-02T10:00:00,S1,P7,two,1.99\n2024-13-02T10:00:00,S2,P1,1,0.5\n2024-03-02T11:00:00,S1,P8,1\n")
        #expect(export.files == ["/drop/a.csv", "/drop/b.csv"])
        #expect(export.skipped == 0)
        let one = try DeadLetterExport(letters: letters, stage: "transactions", file: "a.csv")
        #expect(one.rows == ["2024-03-02T10:00:00,S1,P7,two,1.99", "2024-03-02T11:00:00,S1,P8,1"])
    }

    @Test func filesWithDifferentHeadersAreRefusedNamingThemUntilOneIsChosen() throws {
        let letters = [
            csvLetter("/drop/a.csv", 4, "2024-03-02T10:00:00,S1,P7,two,1.99", header: header),
            csvLetter("/drop/old.csv", 3, "S1;P7;two", header: "store_id;product_id;units"),
        ]
        #expect {
            try DeadLetterExport(letters: letters, stage: "transactions")
        } throws: { error in
            guard let error = error as? DeadLetterError, error.code == .mixedHeaders else { return false }
            return error.message.contains("/drop/a.csv with header '\(header)'") && error.message.contains("/drop/old.csv with header 'store_id;product_id;units'")
                && error.message.contains("--file")
        }
        let chosen = try DeadLetterExport(letters: letters, stage: "transactions", file: "/drop/old.csv")
        #expect(chosen.text == "store_id;product_id;units\nS1;P7;two\n")
    }

    @Test func lettersWithoutTheRecordAsReadAreLeftOutAndCounted() throws {
        let sinkLetter = DeadLetter(line: Array(#"{"stage":"db","origin":"/drop/a.csv:4","columns":["id"],"row":["7"],"reason":"rejected"}"#.utf8)[...], offset: 0, stage: "db")
        let corrupt = DeadLetter(line: Array("garbage".utf8)[...], offset: 1, stage: "transactions")
        let jsonl = DeadLetter(line: Array(#"{"file":"/t/a.jsonl","line":3,"reason":"not an object","raw":"[1]"}"#.utf8)[...], offset: 2, stage: "tweets")
        let export = try DeadLetterExport(letters: [sinkLetter, corrupt, jsonl], stage: "tweets")
        #expect(export.header == nil)
        #expect(export.text == "[1]\n")
        #expect(export.skipped == 2)
        #expect {
            try DeadLetterExport(letters: [sinkLetter], stage: "db")
        } throws: { ($0 as? DeadLetterError)?.code == .nothingToExport }
        #expect {
            try DeadLetterExport(letters: [], stage: "db")
        } throws: { ($0 as? DeadLetterError)?.message == "stage 'db' has no dead letters" }
    }

    @Test func anUnknownSourceFileIsRefusedNamingTheKnownOnes() {
        let letters = [csvLetter("/drop/a.csv", 4, "x", header: header)]
        #expect {
            try DeadLetterExport(letters: letters, stage: "transactions", file: "zz.csv")
        } throws: { error in
            (error as? DeadLetterError)?.message == "no letter of stage 'transactions' comes from 'zz.csv' (its letters come from: /drop/a.csv)"
        }
    }
}
