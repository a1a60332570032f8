/// Keeps the last batch a stage emitted, so `tap` can show a sample of its output.
public final class TapBuffer: Sendable {
    private let last = LockedValue<RecordBatch?>(nil)

    public init() {}

    func keep(_ batch: RecordBatch) { last.withLock { $0 = batch } }

    /// Up to `limit` of the most recent rows, as column name → value.
    public func sample(limit: Int) -> [[(String, Value)]] {
        guard let batch = last.withLock({ $0 }) else { return [] }
        let start = max(0, batch.count - limit)
        return (start..<batch.count).map { row in
            batch.schema.fields.enumerated().map { index, field in (field.name, batch.columns[index].value(at: row)) }
        }
    }
}
