import EdgeCore
import Testing

@Suite("config print shows the effective config and never a secret")
struct EffectiveConfigTests {
    func printed(_ yaml: String, environment: [String: String]) throws -> String {
        var registry = testRegistry()
        registry.register(PluginRegistration(kind: .sink, type: "db", summary: "A database", options: [
            OptionSpec("url", .string, required: true, doc: "Where."),
            OptionSpec("password", .string, secret: true, doc: "A secret."),
            OptionSpec("table", .string, default: .string("facts"), doc: "The table."),
        ]) { _ in .sink(PassThroughSink()) })
        let interpolator = Interpolator(environment: environment)
        let (config, diagnostics) = ConfigLoader(registry: registry, interpolator: interpolator).loadCollecting(text: yaml, file: "p.yaml")
        #expect(diagnostics.isEmpty)
        return EffectiveConfig.yaml(try #require(config), text: yaml, registry: registry, interpolator: interpolator)
    }

    @Test func variablesSecretsAndURLPasswordsAreRedactedAndDefaultsShown() throws {
        let yaml = """
        data_dir: ${STATE:-/var/lib/x}
        sources:
          numbers: { type: counting, batches: "${BATCHES}" }
        sinks:
          a: { type: db, inputs: [numbers], url: "postgres://edge:hunter2@db/x", password: plain-in-file }
          b: { type: db, inputs: [numbers], url: "${DATABASE_URL}" }
        """
        let text = try printed(yaml, environment: ["BATCHES": "3", "DATABASE_URL": "postgres://u:s3cret@h/d"])
        #expect(!text.contains("hunter2") && !text.contains("s3cret") && !text.contains("plain-in-file"))
        #expect(text.contains("data_dir: /var/lib/x\n"))
        #expect(text.contains("batches: <redacted>\n"))
        #expect(text.contains("url: postgres://edge:<redacted>@db/x\n"))
        #expect(text.contains("url: <redacted>\n"))
        #expect(text.contains("table: facts  # default\n"))
        #expect(text.contains("max_restarts: 5  # default\n") && text.contains("restart_backoff: 500ms  # default\n"))
    }

    @Test func aVariableFallingBackToItsDefaultIsShownAndASetOneIsNot() {
        let interpolator = Interpolator(environment: ["SET": "x", "EMPTY": ""])
        #expect(!interpolator.drawsFromOutside("${UNSET:-/srv/drop}"))
        #expect(!interpolator.drawsFromOutside("${EMPTY:-/srv/drop}"))
        #expect(!interpolator.drawsFromOutside("$${SET}"))
        #expect(interpolator.drawsFromOutside("a${SET:-b}"))
        #expect(interpolator.drawsFromOutside("${credential:db}"))
    }
}

/// A sink that writes nowhere.
struct PassThroughSink: SinkStage {
    func open(_ context: StageContext) async throws {}
    func write(_ batch: RecordBatch, input: Int) async throws {}
    func commit() async throws {}
    func close() async {}
}
