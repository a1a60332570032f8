import EdgeCore
import EdgeCoreTesting
import Logging
import Testing

@Suite("Config tests run in process and name what failed")
struct PipelineTestRunnerTests {
    let store = MemorySinkStore()
    var registry: PluginRegistry { testRegistry(store: store) }

    static let graph = """
    sources:
      numbers: { type: counting, batches: 1 }
    transforms:
      doubled: { type: pass, inputs: [numbers] }
      split: { type: split, inputs: [numbers] }
    sinks:
      out: { type: memory, inputs: [doubled, split, split.odd] }
    tests:

    """

    func compile(_ tests: String) throws(ConfigError) -> BuiltPipeline {
        let loader = ConfigLoader(registry: registry, interpolator: Interpolator(environment: [:]))
        return try loader.compile(text: Self.graph + tests, file: "p.yaml", builder: PipelineBuilder(registry: registry, logger: Logger(label: "t")))
    }

    func results(_ tests: String) async throws -> [PipelineTestResult] {
        let built = try compile(tests)
        var outcomes: [PipelineTestResult] = []
        for test in built.config.tests {
            var resolver = PipelineTestResolver(schemas: built.outputSchemas, stages: built.config.stages)
            let typed = resolver.resolve(test)
            let resolved = try #require(typed)
            outcomes.append(await PipelineTestRunner(pipeline: try compile(tests), logger: Logger(label: "t")).run(resolved))
        }
        return outcomes
    }

    func diagnostics(_ tests: String) -> [Diagnostic] {
        do {
            _ = try compile(tests)
            return []
        } catch {
            return error.errors
        }
    }

    @Test func aCorrectExpectationPassesAndNoSinkIsWritten() async throws {
        let outcome = try await results("""
          - name: numbers pass through
            inputs: [{ stage: numbers, rows: [{ n: 1 }, { n: 2 }] }]
            outputs: [{ stage: doubled, rows: [{ n: 2 }, { n: 1 }] }]
        """)
        #expect(outcome.map(\.passed) == [true])
        #expect(outcome[0].report == "ok    numbers pass through")
        #expect(store.rows("out").isEmpty && store.opens == 0)
    }

    @Test func aWrongExpectationFailsNamingTheTestAndStageWithADiff() async throws {
        let outcome = try await results("""
          - name: wrong
            inputs: [{ stage: numbers, rows: [{ n: 1 }] }]
            outputs: [{ stage: doubled, rows: [{ n: 5 }] }]
        """)
        let report = try #require(outcome.first).report
        #expect(!outcome[0].passed)
        #expect(report.contains("FAIL  wrong"))
        #expect(report.contains("p.yaml:11:24: stage 'doubled': 1 expected row not found, 1 row not expected"))
        #expect(report.contains("- { n: 5 }") && report.contains("+ { n: 1 }"))
    }

    @Test func aNamedOutputGetsOnlyItsRows() async throws {
        let outcome = try await results("""
          - name: odd numbers go to split.odd
            inputs: [{ stage: numbers, rows: [{ n: 1 }, { n: 2 }, { n: 3 }] }]
            outputs:
              - { stage: split.odd, rows: [{ odd: 1 }, { odd: 3 }] }
              - { stage: split, rows: [{ n: 2 }] }
        """)
        #expect(outcome.map(\.passed) == [true])
    }

    @Test func containsCountAndWhereHoldOrFail() async throws {
        let outcome = try await results("""
          - name: holds
            inputs: [{ stage: numbers, rows: [{ n: 1 }, { n: 2 }, { n: 3 }] }]
            outputs: [{ stage: doubled, match: contains, rows: [{ n: 2 }], count: 3, where: [{ column: n, ">=": 1, "<": 4 }] }]
          - name: fails
            inputs: [{ stage: numbers, rows: [{ n: 1 }, { n: 2 }] }]
            outputs: [{ stage: doubled, count: 3, where: { column: n, ">": 1 } }]
        """)
        #expect(outcome.map(\.passed) == [true, false])
        #expect(outcome[1].failures.map(\.message) == ["expected 3 rows, got 2", "1 of 2 rows fail n > 1"])
    }

    @Test func whereWithoutRowsFails() async throws {
        let outcome = try await results("""
          - name: nothing to check
            inputs: [{ stage: numbers, rows: [] }]
            outputs: [{ stage: doubled, where: { column: n, ">": 0 } }]
        """)
        #expect(outcome.first?.failures.map(\.message) == ["no rows to check the 'where' conditions on"])
    }

    @Test func aValueThatDoesNotFitItsColumnIsAnErrorAtItsPlace() {
        let found = diagnostics("""
          - name: typed
            inputs: [{ stage: numbers, rows: [{ n: two }] }]
            outputs: [{ stage: doubled, count: 1 }]
        """)
        #expect(found.map(\.description) == ["p.yaml:10:44: error: test 'typed': 'two' is not a valid int for column 'n' of 'numbers'"])
    }

    @Test func unknownStagesColumnsAndKeysAreErrorsWithSuggestions() {
        let found = diagnostics("""
          - name: misspelt
            inputs: [{ stage: numbrs, rows: [{ n: 1 }] }]
            outputs: [{ stage: doubled, rows: [{ m: 1 }] }]
          - name: sink
            inputs: [{ stage: numbers, rows: [{ n: 1 }] }]
            outputs: [{ stage: out, count: 1 }]
            expect: 1
        """).map(\.message)
        #expect(found.contains { $0.contains("unknown key 'expect' in a test") })
        #expect(found.contains("test 'misspelt': unknown stage 'numbrs' (did you mean 'numbers'?)"))
        #expect(found.contains { $0.hasPrefix("test 'misspelt': 'doubled' has no column 'm'") })
    }

    @Test func aSinkIsNotAnOutputToCheck() {
        let found = diagnostics("""
          - name: sink
            inputs: [{ stage: numbers, rows: [{ n: 1 }] }]
            outputs: [{ stage: out, count: 1 }]
        """).map(\.message)
        #expect(found == ["test 'sink': 'out' is a sink and emits no rows; name a source or transform (it reads doubled, split, split.odd)"])
    }
}
