extension DeadLetterPage {
    /// The `/api/dead-letters` document: every stage with the size of its dead-letter file,
    /// then this page of `stage`'s letters and the cursor for the next older page.
    public func document(stages: [DeadLetterReader]) -> String {
        JSONText.object([
            ("stages", JSONText.array(stages.map { JSONText.object([("stage", JSONText.string($0.stage)), ("bytes", String($0.size()))]) })),
            ("stage", JSONText.string(stage)),
            ("letters", JSONText.array(letters.map(\.jsonText))),
            ("before", before.map { String($0) } ?? "null"),
            ("scanned_bytes", String(scannedBytes)),
            ("file_bytes", String(fileBytes)),
        ])
    }
}
