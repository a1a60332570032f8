/// Compares rows a stage emitted with the rows a test expects: a row matches when every column
/// it names holds the same value (numbers within 1e-9, relative to their size).
enum RowMatcher {
    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.double(let x), .double(let y)): abs(x - y) <= 1e-9 * max(1, abs(x), abs(y))
        case (.int(let x), .double(let y)), (.double(let y), .int(let x)): abs(Double(x) - y) <= 1e-9 * max(1, abs(y))
        case (.timestamp(let x), .naiveTimestamp(let y)), (.naiveTimestamp(let x), .timestamp(let y)): x == y
        default: a == b
        }
    }

    static func matches(_ expected: ResolvedPipelineTest.TypedRow, _ row: [Value]) -> Bool {
        expected.cells.allSatisfy { equal($0.value, row[$0.column]) }
    }

    /// Pairs expected rows with distinct emitted rows (a maximum bipartite matching, so that a
    /// row naming fewer columns never takes the only partner of a more specific one). Returns the
    /// expected rows and the emitted rows left without a partner, by index.
    static func unmatched(expected: [ResolvedPipelineTest.TypedRow], got: [[Value]]) -> (expected: [Int], got: [Int]) {
        let candidates = expected.map { row in got.indices.filter { matches(row, got[$0]) } }
        var partnerOfGot = [Int?](repeating: nil, count: got.count)
        func augment(_ e: Int, _ visited: inout [Bool]) -> Bool {
            for g in candidates[e] where !visited[g] {
                visited[g] = true
                if partnerOfGot[g] == nil || augment(partnerOfGot[g]!, &visited) {
                    partnerOfGot[g] = e
                    return true
                }
            }
            return false
        }
        var missing: [Int] = []
        for e in expected.indices {
            var visited = [Bool](repeating: false, count: got.count)
            if !augment(e, &visited) { missing.append(e) }
        }
        return (missing, got.indices.filter { partnerOfGot[$0] == nil })
    }

    /// Whether `value` meets `comparison` with `operand`; an ordering with a null is never met.
    static func meets(_ value: Value, _ comparison: RowCondition.Comparison, _ operand: Value) -> Bool {
        switch comparison {
        case .equal: return equal(value, operand)
        case .notEqual: return !equal(value, operand)
        default:
            guard let order = order(value, operand) else { return false }
            switch comparison {
            case .less: return order < 0
            case .lessOrEqual: return order <= 0 || equal(value, operand)
            case .greater: return order > 0
            default: return order >= 0 || equal(value, operand)
            }
        }
    }

    /// -1, 0 or 1 as `a` sorts before, with or after `b`; `nil` when they cannot be ordered.
    static func order(_ a: Value, _ b: Value) -> Int? {
        func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
        switch (a, b) {
        case (.int(let x), .int(let y)): return sign(x, y)
        case (.double(let x), .double(let y)): return sign(x, y)
        case (.int(let x), .double(let y)): return sign(Double(x), y)
        case (.double(let x), .int(let y)): return sign(x, Double(y))
        case (.string(let x), .string(let y)): return sign(x, y)
        case (.date(let x), .date(let y)): return sign(x, y)
        case (.timestamp(let x), .timestamp(let y)), (.naiveTimestamp(let x), .naiveTimestamp(let y)),
             (.timestamp(let x), .naiveTimestamp(let y)), (.naiveTimestamp(let x), .timestamp(let y)): return sign(x, y)
        case (.bool(let x), .bool(let y)): return sign(x ? 1 : 0, y ? 1 : 0)
        default: return nil
        }
    }

    /// `{ date: 2024-03-02, units: 3 }`: the named columns of a row.
    static func show(_ cells: [(column: Int, value: Value)], schema: Schema) -> String {
        "{ " + cells.map { "\(schema.fields[$0.column].name): \($0.value)" }.joined(separator: ", ") + " }"
    }

    static func show(_ row: [Value], schema: Schema) -> String {
        show(row.enumerated().map { ($0.offset, $0.element) }, schema: schema)
    }
}
