import EdgeCore
import EdgeCoreTesting

/// A registry of the in-memory reference stages plus a pass-through transform.
func testRegistry(store: MemorySinkStore = MemorySinkStore()) -> PluginRegistry {
    var registry = PluginRegistry()
    registry.register(CountingSource.registration)
    registry.register(MemorySink.registration(store: store))
    registry.register(PluginRegistration(
        kind: .transform, type: "pass", summary: "Passes batches through",
        options: [OptionSpec("column", .string, doc: "A column that must exist in the input.")]
    ) { context in
        let schema = try context.singleInputSchema()
        if let column = context.options.string("column"), schema.index(of: column) == nil {
            throw StageBuildError(option: "column", "input has no column '\(column)'")
        }
        return .transform(PassThrough(), output: schema)
    })
    registry.register(PluginRegistration(kind: .transform, type: "split", summary: "Even numbers out, odd numbers to the port 'odd'", options: []) { _ in
        .transform(EvenOddSplit(), output: CountingSource.schema, ports: ["odd": EvenOddSplit.oddSchema])
    })
    return registry
}

/// Sends even `n` to its main output and odd `n` (as column `odd`) to its named output `odd`.
struct EvenOddSplit: TransformStage {
    static let oddSchema = Schema([Field("odd", .int)])

    mutating func process(_ batch: RecordBatch, input: Int, context: StageContext) async throws -> [RecordBatch] {
        guard case .int(let values) = batch.columns[0].values else { return [] }
        return [
            RecordBatch(schema: CountingSource.schema, columns: [Column(.int(values.filter { $0 % 2 == 0 }))]),
            RecordBatch(schema: Self.oddSchema, columns: [Column(.int(values.filter { $0 % 2 != 0 }))]),
        ]
    }
}

struct PassThrough: TransformStage {
    mutating func process(_ batch: RecordBatch, input: Int, context: StageContext) async throws -> [RecordBatch] { [batch] }
}
