/// A batch of records: a schema and one typed column per field, all of the same length.
public struct RecordBatch: Sendable {
    public var schema: Schema
    public var columns: [Column]
    public var provenance: Provenance?

    public init(schema: Schema, columns: [Column], provenance: Provenance? = nil) {
        precondition(schema.fields.count == columns.count, "schema and columns differ in count")
        self.schema = schema
        self.columns = columns
        self.provenance = provenance
    }

    public var count: Int { columns.first?.count ?? 0 }

    /// The column called `name`.
    public func column(_ name: String) -> Column? {
        schema.index(of: name).map { columns[$0] }
    }

    /// Row `row` as values in schema order (slow path).
    public func row(_ row: Int) -> [Value] {
        columns.map { $0.value(at: row) }
    }
}
