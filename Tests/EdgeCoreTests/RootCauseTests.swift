import EdgeCore
import Testing

/// `validate` reports the root cause of a mistake, not its echoes downstream.
@Suite("Validation reports the root cause first")
struct RootCauseTests {
    /// A model that fails to build when its `path` is missing.
    struct FileModel: ModelStage { var modelType: String { "file_model" } }

    var registry: PluginRegistry {
        var registry = testRegistry()
        registry.register(PluginRegistration(kind: .model, type: "file_model", summary: "A model read from a file",
                                             options: [OptionSpec("path", .string, required: true, doc: "The model file.")]) { context in
            let path = context.options.string("path") ?? ""
            if let reason = FileAccess.unreadableReason(path) { throw StageBuildError(option: "path", "cannot read \(path): \(reason)") }
            return .model(FileModel())
        })
        registry.register(PluginRegistration(kind: .transform, type: "scored", summary: "Uses a model",
                                             options: [OptionSpec("model", .string, required: true, doc: "A model id.")]) { context in
            guard context.models[context.options.string("model") ?? ""] != nil else { throw StageBuildError(option: "model", "no such model") }
            return .transform(PassThrough(), output: try context.singleInputSchema())
        })
        return registry
    }

    func diagnostics(_ yaml: String) -> [Diagnostic] {
        let loader = ConfigLoader(registry: registry, interpolator: Interpolator(environment: [:]))
        do {
            let built = try loader.compile(text: yaml, file: "p.yaml", builder: PipelineBuilder(registry: registry, logger: .init(label: "t")))
            return built.warnings
        } catch {
            return error.diagnostics
        }
    }

    @Test func aModelThatCannotBeReadIsTheOnlyErrorNotAlsoItsUser() {
        let found = diagnostics("""
            sources:
              numbers: { type: counting }
            transforms:
              scores: { type: scored, inputs: [numbers], model: m }
            models:
              m: { type: file_model, path: /nonexistent/model.bin }
            sinks:
              out: { type: memory, inputs: [scores] }
            """)
        #expect(found.map(\.message) == ["file_model model 'm': cannot read /nonexistent/model.bin: No such file or directory"])
    }

    @Test func aModelWhoseUserFailedIsNotCalledUnused() {
        let found = diagnostics("""
            sources:
              numbers: { type: counting }
            transforms:
              scores: { type: scored, inputs: [numbers], model: m, modle: x }
            models:
              m: { type: file_model, path: /dev/null }
            sinks:
              out: { type: memory, inputs: [scores] }
            """)
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("unknown option 'modle'") == true)
        #expect(!found.contains { $0.message.contains("not used") })
    }

    @Test func anUnknownStageTypeProducesNoErrorsDownstream() {
        let found = diagnostics("""
            sources:
              numbers: { type: countng }
            transforms:
              passed: { type: pass, inputs: [numbers], column: n }
            sinks:
              out: { type: memory, inputs: [passed] }
            """)
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("unknown source type 'countng'") == true)
    }

    @Test func anUnusedModelIsStillAWarningWhenNothingElseIsWrong() {
        let found = diagnostics("""
            sources:
              numbers: { type: counting }
            models:
              m: { type: file_model, path: /dev/null }
            sinks:
              out: { type: memory, inputs: [numbers] }
            """)
        #expect(found.map(\.severity) == [.warning])
        #expect(found.first?.message == "model 'm' is not used by any transform")
    }
}
