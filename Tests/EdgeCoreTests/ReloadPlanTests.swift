import EdgeCore
import EdgeCoreTesting
import Logging
import Testing

@Suite struct ReloadPlanTests {
    func build(_ yaml: String) throws -> BuiltPipeline {
        let registry = testRegistry()
        return try ConfigLoader(registry: registry, interpolator: Interpolator(environment: [:]))
            .compile(text: "data_dir: /tmp/x\n" + yaml, file: "p.yaml", builder: PipelineBuilder(registry: registry, logger: Logger(label: "t")))
    }

    @Test func keepsWhatIsUnchangedUpstreamAndRebuildsTheRest() throws {
        let old = try build("""
            sources:
              a: { type: counting, rows: 10 }
              b: { type: counting }
            transforms:
              p: { type: pass, inputs: [a] }
              q: { type: pass, inputs: [b] }
            sinks:
              out: { type: memory, inputs: [p] }
              other: { type: memory, inputs: [q] }
              gone: { type: memory, inputs: [q] }
            """)
        let new = try build("""
            sources:
              a: { type: counting, rows: 10 }
              b: { type: counting, rows: 20 }
            transforms:
              p: { type: pass, inputs: [a] }
              q: { type: pass, inputs: [b] }
            sinks:
              out: { type: memory, inputs: [p] }
              other: { type: memory, inputs: [q] }
              extra: { type: memory, inputs: [p] }
            """)
        let plan = ReloadPlan(from: old, to: new)
        #expect(Set(plan.kept) == ["a", "p", "out"])
        #expect(Set(plan.rebuilt) == ["b", "q", "other"])
        #expect(plan.added == ["extra"])
        #expect(plan.removed == ["gone"])
        #expect(plan.keptSinks == ["out"])
        #expect(plan.summary.hasPrefix("kept "))
    }

    @Test func aNewDataDirectoryRebuildsEverything() throws {
        let yaml = """
            sources:
              a: { type: counting }
            sinks:
              out: { type: memory, inputs: [a] }
            """
        let old = try build(yaml)
        var new = try build(yaml)
        new.config.dataDirectory = "/tmp/elsewhere"
        let plan = ReloadPlan(from: old, to: new)
        #expect(plan.kept.isEmpty)
        #expect(Set(plan.rebuilt) == ["a", "out"])
    }
}
