import EdgeCore
import Testing

@Suite("Configuration errors name file, line and column")
struct ConfigLoaderTests {
    let registry = testRegistry()

    /// Loads and builds `yaml`, returning the diagnostics (empty when valid).
    func diagnostics(_ yaml: String, environment: [String: String] = [:]) -> [Diagnostic] {
        let loader = ConfigLoader(registry: registry, interpolator: Interpolator(environment: environment))
        do {
            _ = try loader.compile(text: yaml, file: "p.yaml", builder: PipelineBuilder(registry: registry, logger: .init(label: "t")))
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func validConfigHasNoErrors() {
        let yaml = """
        sources:
          numbers: { type: counting, batches: 2 }
        sinks:
          out: { type: memory, inputs: [numbers] }
        """
        #expect(diagnostics(yaml).isEmpty)
    }

    @Test func aDurationBeyondTenYearsIsAnErrorNotACrash() throws {
        let found = diagnostics("""
        checkpoint_interval: 9999999999999h
        sources:
          numbers: { type: counting, batches: 2 }
        sinks:
          out: { type: memory, inputs: [numbers] }
        """)
        let error = try #require(found.first)
        #expect(found.count == 1)
        #expect(error.location.line == 1 && error.location.column == 22)
        #expect(error.message.contains("at most ten years"))
    }

    /// Values that passed validate and then crashed or misbehaved in run are refused at their place.
    @Test func numbersOutsideTheirDeclaredRangeAreErrors() {
        let found = diagnostics("""
        data_dir: ""
        checkpoint_interval: 0s
        channel_capacity: 9223372036854775807
        sources:
          numbers: { type: counting, rows: 1000000000000, max_restarts: -3, restart_backoff: 0s }
        sinks:
          out: { type: memory, inputs: [numbers], buffer_max_bytes: -1 }
        """)
        let messages = found.map { "\($0.location.line): \($0.message)" }
        #expect(messages.contains("1: 'data_dir' must name a directory, not be empty"))
        #expect(messages.contains("2: 'checkpoint_interval' must be at least 10ms"))
        #expect(messages.contains("3: 'channel_capacity' must be a whole number between 1 and 1024"))
        #expect(messages.contains("5: option 'rows' must be between 0 and 1000000000, not '1000000000000'"))
        #expect(messages.contains("5: option 'max_restarts' must be between 0 and 1000, not '-3'"))
        #expect(messages.contains("5: option 'restart_backoff' must be between 1ms and 1h, not '0s'"))
        #expect(messages.contains("7: option 'buffer_max_bytes' must be between 1048576 and 1099511627776, not '-1'"))
        #expect(found.count == 7)
    }

    @Test func aValueWithANulIsAnErrorNotCutShortByACLibrary() throws {
        let found = diagnostics("""
        sources:
          numbers: { type: counting, batches: 2 }
        transforms:
          p: { type: pass, inputs: [numbers], column: "n\\u0000x" }
        sinks:
          out: { type: memory, inputs: [p] }
        """)
        let error = try #require(found.first)
        #expect(error.message.contains("'column' contains a NUL character"))
        #expect(error.location.line == 4)
    }

    @Test func unknownOptionSuggestsTheNearName() throws {
        let yaml = """
        sources:
          numbers:
            type: counting
            batchs: 2
        sinks:
          out: { type: memory, inputs: [numbers] }
        """
        let found = diagnostics(yaml)
        let d = try #require(found.first)
        #expect(found.count == 1)
        #expect(d.description == "p.yaml:4:5: error: unknown option 'batchs' for counting source 'numbers' (did you mean 'batches'?)")
        #expect(d.stage == "numbers")
    }

    @Test func wrongOptionTypeIsLocatedAtTheValue() throws {
        let yaml = """
        sources:
          numbers:
            type: counting
            rows: lots
        sinks:
          out: { type: memory, inputs: [numbers] }
        """
        let d = try #require(diagnostics(yaml).first)
        #expect(d.location.line == 4 && d.location.column == 11)
        #expect(d.message.contains("must be a whole number"))
    }

    @Test func unknownStageTypeSuggestsAndPointsAtTheType() throws {
        let yaml = """
        sources:
          numbers: { type: countng }
        sinks:
          out: { type: memory, inputs: [numbers] }
        """
        let d = try #require(diagnostics(yaml).first)
        #expect(d.location.line == 2)
        #expect(d.location.column == 20)
        #expect(d.message.contains("did you mean 'counting'"))
    }

    @Test func stageInTheWrongSectionIsExplained() throws {
        let yaml = """
        sources:
          numbers: { type: counting }
          out: { type: memory }
        """
        let d = try #require(diagnostics(yaml).first { $0.message.contains("memory") })
        #expect(d.message.contains("is a sink: move it to 'sinks'"))
    }

    @Test func unknownInputIsLocatedAndSuggested() throws {
        let yaml = """
        sources:
          numbers: { type: counting }
        sinks:
          out:
            type: memory
            inputs: [numbrs]
        """
        let found = diagnostics(yaml)
        let d = try #require(found.first { $0.message.contains("unknown input") })
        #expect(d.location.line == 6 && d.location.column == 14)
        #expect(d.message.contains("did you mean 'numbers'"))
    }

    @Test func cycleIsReported() throws {
        let yaml = """
        sources:
          numbers: { type: counting }
        transforms:
          a: { type: pass, inputs: [numbers, b] }
          b: { type: pass, inputs: [a] }
        sinks:
          out: { type: memory, inputs: [b] }
        """
        let d = try #require(diagnostics(yaml).first { $0.message.contains("cycle") })
        #expect(d.message.contains("a -> b -> a") || d.message.contains("b -> a -> b"))
        #expect(d.location.line == 4 || d.location.line == 5)
    }

    @Test func unreadStageIsAnError() throws {
        let yaml = """
        sources:
          numbers: { type: counting }
          spare: { type: counting }
        sinks:
          out: { type: memory, inputs: [numbers] }
        """
        let d = try #require(diagnostics(yaml).first)
        #expect(d.location.line == 3 && d.location.column == 3)
        #expect(d.message.contains("'spare' is not read by any stage"))
    }

    @Test func unsetRequiredVariableIsLocatedAtTheDollar() throws {
        let yaml = """
        sources:
          numbers: { type: counting, rows: "${ROWS:?set ROWS to the batch size}" }
        sinks:
          out: { type: memory, inputs: [numbers] }
        """
        let d = try #require(diagnostics(yaml).first)
        #expect(d.location.line == 2 && d.location.column == 37)
        #expect(d.message == "environment variable ROWS is not set: set ROWS to the batch size")
        #expect(diagnostics(yaml, environment: ["ROWS": "7"]).isEmpty)
    }

    @Test func invalidYAMLIsLocated() throws {
        let yaml = "sources:\n  numbers: { type: counting\nsinks: {}\n"
        let d = try #require(diagnostics(yaml).first)
        #expect(d.message.hasPrefix("invalid YAML"))
        #expect(d.location.line == 3)
    }

    @Test func pluginErrorsPointAtTheOption() throws {
        let yaml = """
        sources:
          numbers: { type: counting }
        transforms:
          p:
            type: pass
            inputs: [numbers]
            column: missing
        sinks:
          out: { type: memory, inputs: [p] }
        """
        let d = try #require(diagnostics(yaml).first)
        #expect(d.location.line == 7 && d.location.column == 13)
        #expect(d.message.contains("input has no column 'missing'"))
    }

    @Test func everyErrorIsReportedAtOnce() {
        let yaml = """
        bogus: 1
        sources:
          numbers: { type: counting, rows: x }
        sinks:
          out: { type: memory, inputs: [nope] }
        """
        let found = diagnostics(yaml)
        #expect(found.count >= 3)
        #expect(found.contains { $0.message.contains("unknown key 'bogus'") })
        #expect(found.contains { $0.message.contains("whole number") })
        #expect(found.contains { $0.message.contains("unknown input 'nope'") })
    }

    @Test func duplicateStageIdIsAnError() {
        let yaml = """
        sources:
          numbers: { type: counting }
        sinks:
          numbers: { type: memory, inputs: [numbers] }
        """
        #expect(diagnostics(yaml).contains { $0.message.contains("already used") })
    }

    @Test func aPrefixOfAnOptionNameSuggestsIt() {
        #expect(EditDistance.suggestion(for: "horizon", among: ["horizon_days", "level", "model"]) == "horizon_days")
        #expect(EditDistance.suggestion(for: "path", among: ["path_a", "path_b"]) == nil)
    }
}
