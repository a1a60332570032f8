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
    return registry
}

struct PassThrough: TransformStage {
    mutating func process(_ batch: RecordBatch, input: Int, context: StageContext) async throws -> [RecordBatch] { [batch] }
}
