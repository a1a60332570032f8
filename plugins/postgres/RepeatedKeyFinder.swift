import EdgeCore

/// Tells whether any key occurs twice among the rows of a batch it is shown, from 64-bit hashes
/// of the key columns: a collision only reports a repeat that is not there, which costs the
/// upsert a sort but never a wrong row.
struct RepeatedKeyFinder {
    private let columns: [Column]
    private var seen: Set<Int>
    /// Whether a key was seen twice (or two keys hashed alike).
    private(set) var found = false

    /// Keys of `keyColumns` (indexes into `batch.columns`); without any, nothing repeats.
    init(_ batch: RecordBatch, keyColumns: [Int]) {
        columns = keyColumns.map { batch.columns[$0] }
        seen = Set(minimumCapacity: columns.isEmpty ? 0 : batch.count)
    }

    mutating func add(row: Int) {
        guard !columns.isEmpty, !found else { return }
        var hasher = Hasher()
        for column in columns {
            guard !column.isNull(row) else { hasher.combine(0 as UInt8); continue }
            switch column.values {
            case .int(let v): hasher.combine(v[row])
            case .double(let v): hasher.combine(v[row])
            case .bool(let v): hasher.combine(v[row])
            case .date(let v): hasher.combine(v[row])
            case .timestamp(let v): hasher.combine(v[row])
            case .string(let v):
                v.withUTF8(at: row) { bytes in
                    hasher.combine(bytes.count)
                    hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
                }
            }
        }
        if !seen.insert(hasher.finalize()).inserted { found = true }
    }
}
