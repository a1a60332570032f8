/// A compact binary form of a ``RecordBatch`` (schema and columns, little-endian), for disk
/// buffers. Of the provenance only a source range is kept (a sink keeping positions needs it
/// when it replays the buffer); buffers written before ranges existed decode as before.
public enum BatchCodec {
    struct Corrupt: Error, CustomStringConvertible {
        var description: String { "corrupt buffered batch" }
    }

    public static func encode(_ batch: RecordBatch) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + batch.count * batch.columns.count * 9)
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out.append(contentsOf: $0) } }
        func string(_ s: String) { let b = Array(s.utf8); u32(b.count); out.append(contentsOf: b) }
        string(batch.schema.kind ?? "")
        u32(batch.schema.fields.count)
        for field in batch.schema.fields {
            string(field.name)
            out.append(UInt8(ColumnType.allCases.firstIndex(of: field.type)!))
            out.append(field.nullable ? 1 : 0)
        }
        u32(batch.count)
        for column in batch.columns {
            // Bit 0: a null mask follows; bit 1: a naive-timestamp mask follows.
            out.append((column.validity == nil ? 0 : 1) | (column.naive == nil ? 0 : 2))
            if let validity = column.validity { out.append(contentsOf: validity.map { $0 ? 1 : 0 }) }
            if let naive = column.naive { out.append(contentsOf: naive.map { $0 ? 1 : 0 }) }
            switch column.values {
            case .int(let v), .timestamp(let v): v.withUnsafeBytes { out.append(contentsOf: $0) }
            case .double(let v): v.withUnsafeBytes { out.append(contentsOf: $0) }
            case .bool(let v): out.append(contentsOf: v.map { $0 ? 1 : 0 })
            case .date(let v): v.withUnsafeBytes { out.append(contentsOf: $0) }
            case .string(let v):
                v.offsets.withUnsafeBytes { out.append(contentsOf: $0) }
                u32(v.bytes.count)
                out.append(contentsOf: v.bytes)
            }
        }
        if let range = batch.provenance?.range {
            out.append(1)
            for text in [range.source, range.shard, range.owner] { string(text) }
            for position in [range.from, range.to] { withUnsafeBytes(of: position.littleEndian) { out.append(contentsOf: $0) } }
        }
        return out
    }

    public static func decode(_ bytes: [UInt8]) throws -> RecordBatch {
        var index = 0
        func take(_ n: Int) throws -> ArraySlice<UInt8> {
            guard n >= 0, index + n <= bytes.count else { throw Corrupt() }
            defer { index += n }
            return bytes[index..<(index + n)]
        }
        func u32() throws -> Int { Int(try take(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }) }
        func string() throws -> String { String(decoding: try take(try u32()), as: UTF8.self) }
        // Copied, not bound in place: the values sit at any byte offset of the record.
        func array<T: BitwiseCopyable>(_ count: Int, of: T.Type) throws -> [T] {
            let slice = try take(count * MemoryLayout<T>.stride)
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                slice.withUnsafeBytes { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0) }
                initialized = count
            }
        }
        let kind = try string()
        var fields: [Field] = []
        for _ in 0..<(try u32()) {
            let name = try string()
            let typeIndex = Int(try take(1).first!)
            guard typeIndex < ColumnType.allCases.count else { throw Corrupt() }
            fields.append(Field(name, ColumnType.allCases[typeIndex], nullable: try take(1).first! == 1))
        }
        let count = try u32()
        var columns: [Column] = []
        for field in fields {
            let masks = try take(1).first!
            guard masks <= 3 else { throw Corrupt() }
            let validity: [Bool]? = masks & 1 != 0 ? try take(count).map { $0 == 1 } : nil
            let naive: [Bool]? = masks & 2 != 0 ? try take(count).map { $0 == 1 } : nil
            let values: ColumnValues
            switch field.type {
            case .int: values = .int(try array(count, of: Int64.self))
            case .timestamp: values = .timestamp(try array(count, of: Int64.self))
            case .double: values = .double(try array(count, of: Double.self))
            case .bool: values = .bool(try take(count).map { $0 == 1 })
            case .date: values = .date(try array(count, of: Int32.self))
            case .string:
                let offsets = try array(count + 1, of: Int32.self)
                let data = Array(try take(try u32()))
                // Each value's end at or after its start, inside the bytes: a corrupt offset must
                // not read outside them.
                guard offsets.first == 0, offsets.last.map(Int.init) == data.count,
                      zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else { throw Corrupt() }
                var column = StringColumn(minimumCapacity: count)
                data.withUnsafeBufferPointer { buffer in
                    for i in 0..<count {
                        column.append(utf8: UnsafeBufferPointer(rebasing: buffer[Int(offsets[i])..<Int(offsets[i + 1])]))
                    }
                }
                values = .string(column)
            }
            columns.append(Column(values, validity: validity, naive: naive))
        }
        var provenance: Provenance?
        if index < bytes.count {
            guard try take(1).first == 1 else { throw Corrupt() }
            let source = try string(), shard = try string(), owner = try string()
            let positions = try array(2, of: Int64.self).map { Int64(littleEndian: $0) }
            provenance = Provenance(source: source, range: SourceRange(source: source, shard: shard, from: positions[0], to: positions[1], owner: owner))
        }
        guard index == bytes.count else { throw Corrupt() }
        return RecordBatch(schema: Schema(fields, kind: kind.isEmpty ? nil : kind), columns: columns, provenance: provenance)
    }
}
