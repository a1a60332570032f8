import EdgeCore

/// The longest text `ner` and `sentiment` analyse: tweets are untrusted, and one huge text must
/// not stall the pipeline. A longer one is dead-lettered with its id and size.
struct TextBudget: Sendable {
    static let option = OptionSpec(
        "max_text_bytes", .int, default: .int(65_536), range: .ints(256...(16 << 20)),
        doc: "A text longer than this (UTF-8 bytes) is dead-lettered instead of analysed, so one huge text cannot stall the pipeline."
    )

    let maxBytes: Int

    /// The rows of `batch` whose text fits; the others are dead-lettered.
    func rowsWithinBudget(_ batch: RecordBatch, text textColumn: Int, id idColumn: Int?, context: StageContext) -> [Int] {
        guard case .string(let texts) = batch.columns[textColumn].values else { return Array(0..<batch.count) }
        var kept: [Int] = []
        kept.reserveCapacity(batch.count)
        for row in 0..<batch.count {
            let size = texts.withUTF8(at: row) { $0.count }
            guard size > maxBytes else {
                kept.append(row)
                continue
            }
            var letter: [String: any Sendable] = ["reason": "text of \(size) bytes is longer than max_text_bytes \(maxBytes)"]
            if let idColumn { letter["id"] = batch.columns[idColumn].value(at: row).description }
            if let provenance = batch.provenance { letter["file"] = provenance.origin }
            context.deadLetter(letter)
        }
        return kept
    }
}
