import EdgeCore

/// A source emitting fixed batches, in order, once: for feeding sinks exact rows in tests.
public struct StaticSource: SourceStage {
    let batches: [RecordBatch]

    public init(_ batches: [RecordBatch]) {
        precondition(!batches.isEmpty, "a static source needs at least one batch for its schema")
        self.batches = batches
    }

    public func run(_ context: SourceContext) async throws {
        for (index, batch) in batches.enumerated() {
            try await context.emit(batch, position: Array(String(index + 1).utf8))
        }
    }

    /// A registration of type `type` emitting `batches`.
    public static func registration(_ type: String, _ batches: [RecordBatch]) -> PluginRegistration {
        PluginRegistration(kind: .source, type: type, summary: "fixed batches for tests", options: []) { _ in
            .source(StaticSource(batches), output: batches[0].schema)
        }
    }

    /// A batch of `schema` from rows of ``Value``s (`.null` for nulls).
    public static func batch(_ schema: Schema, _ rows: [[Value]], provenance: Provenance? = nil) -> RecordBatch {
        var builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: rows.count) }
        for row in rows {
            for (index, value) in row.enumerated() { builders[index].append(value) }
        }
        return RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() }, provenance: provenance)
    }
}
