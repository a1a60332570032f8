import EdgeCore

/// Tells whether any key occurs twice among the rows of a batch it is shown, from 64-bit hashes
/// of the key columns: a collision only reports a repeat that is not there, which costs the
/// upsert a sort but never a wrong row.
struct RepeatedKeyFinder {
    /// One hashing step per key column, its values resolved once rather than at every row.
    private let steps: [(_ row: Int, _ hasher: inout Hasher) -> Void]
    private var seen: Set<Int>
    /// Whether a key was seen twice (or two keys hashed alike).
    private(set) var found = false

    /// Keys of `keyColumns` (indexes into `batch.columns`); without any, nothing repeats.
    init(_ batch: RecordBatch, keyColumns: [Int]) {
        steps = keyColumns.map { Self.step(batch.columns[$0]) }
        seen = Set(minimumCapacity: keyColumns.isEmpty ? 0 : batch.count)
    }

    mutating func add(row: Int) {
        guard !steps.isEmpty, !found else { return }
        var hasher = Hasher()
        for step in steps { step(row, &hasher) }
        if !seen.insert(hasher.finalize()).inserted { found = true }
    }

    private static func step(_ column: Column) -> (Int, inout Hasher) -> Void {
        let value: (Int, inout Hasher) -> Void
        switch column.values {
        case .int(let v): value = { row, hasher in hasher.combine(v[row]) }
        case .double(let v): value = { row, hasher in hasher.combine(v[row]) }
        case .bool(let v): value = { row, hasher in hasher.combine(v[row]) }
        case .date(let v): value = { row, hasher in hasher.combine(v[row]) }
        case .timestamp(let v): value = { row, hasher in hasher.combine(v[row]) }
        case .string(let v):
            value = { row, hasher in
                v.withUTF8(at: row) { bytes in
                    hasher.combine(bytes.count)
                    hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
                }
            }
        }
        guard let validity = column.validity else { return value }
        return { row, hasher in
            if validity[row] { value(row, &hasher) } else { hasher.combine(0 as UInt8) }
        }
    }
}
