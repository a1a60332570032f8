extension RecordBatch {
    /// The rows in `range`, with the same schema and provenance.
    public func slice(_ range: Range<Int>) -> RecordBatch {
        RecordBatch(schema: schema, columns: columns.map { $0.slice(range) }, provenance: provenance)
    }
}

extension Column {
    /// The values in `range`.
    public func slice(_ range: Range<Int>) -> Column {
        let sliced: ColumnValues = switch values {
        case .int(let v): .int(Array(v[range]))
        case .double(let v): .double(Array(v[range]))
        case .bool(let v): .bool(Array(v[range]))
        case .date(let v): .date(Array(v[range]))
        case .timestamp(let v): .timestamp(Array(v[range]))
        case .string(let v):
            .string({
                var strings = StringColumn(minimumCapacity: range.count)
                for row in range { v.withUTF8(at: row) { strings.append(utf8: $0) } }
                return strings
            }())
        }
        return Column(sliced, validity: validity.map { Array($0[range]) }, naive: naive.map { Array($0[range]) })
    }
}

extension RecordBatch {
    /// The rows at `rows` (ascending), with the same schema and provenance.
    public func selecting(_ rows: [Int]) -> RecordBatch {
        RecordBatch(schema: schema, columns: columns.map { $0.selecting(rows) }, provenance: provenance)
    }
}

extension Column {
    /// The values at `rows`.
    public func selecting(_ rows: [Int]) -> Column {
        let picked: ColumnValues = switch values {
        case .int(let v): .int(rows.map { v[$0] })
        case .double(let v): .double(rows.map { v[$0] })
        case .bool(let v): .bool(rows.map { v[$0] })
        case .date(let v): .date(rows.map { v[$0] })
        case .timestamp(let v): .timestamp(rows.map { v[$0] })
        case .string(let v):
            .string({
                var strings = StringColumn(minimumCapacity: rows.count)
                for row in rows { v.withUTF8(at: row) { strings.append(utf8: $0) } }
                return strings
            }())
        }
        return Column(picked, validity: validity.map { mask in rows.map { mask[$0] } }, naive: naive.map { mask in rows.map { mask[$0] } })
    }
}
