@testable import EdgeCore
import Testing

@Suite("YAML: aliases as mapping keys are refused before composing")
struct YAMLAliasKeyScanTests {
    /// Nine levels of alias keys, each used ten times: minutes of composing before.
    static let nested: String = {
        var lines = ["a0: &a0 [x]"]
        for level in 1...9 {
            lines.append("a\(level): &a\(level)")
            lines.append("  ? *a\(level - 1)")
            lines.append("  : [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\nsources: {}\n"
    }()

    @Test(.timeLimit(.minutes(1))) func nestedAliasKeysAreAConfigErrorAtTheirPlace() throws {
        let loader = ConfigLoader(registry: testRegistry(), interpolator: Interpolator(environment: [:]))
        do {
            _ = try loader.compile(text: Self.nested, file: "p.yaml", builder: PipelineBuilder(registry: testRegistry(), logger: .init(label: "t")))
            Issue.record("an alias key was accepted")
        } catch {
            let first = try #require(error.diagnostics.first)
            #expect(error.diagnostics.count == 1)
            #expect(first.location.line == 3 && first.location.column == 5)
            #expect(first.message.contains("the alias *a0 is used as a mapping key"))
        }
    }

    @Test func findsEveryFormOfAliasKey() {
        #expect(YAMLAliasKeyScan.firstAliasKey(in: "x: &k a\n*k : 1\n")?.line == 2)
        #expect(YAMLAliasKeyScan.firstAliasKey(in: "x: &k a\ny: { *k: 1 }\n")?.column == 6)
        #expect(YAMLAliasKeyScan.firstAliasKey(in: "x: &k a\nlist:\n  - *k: 1\n")?.alias == "k")
        #expect(YAMLAliasKeyScan.firstAliasKey(in: "x: &k a\n? *k\n: 1\n")?.line == 2)
    }

    @Test func aliasesAsValuesCommentsQuotesCronAndBlockScalarsAreFine() {
        let yaml = """
            defaults: &defaults { max_restarts: 3 }
            sources:
              tx:
                <<: *defaults
                path: /srv/*.csv   # *not: a key
                note: "*quoted: text"
                other: '*also: text'
                retrain: "*/5 * * * *"
                list: [*defaults, *defaults]
                script: |
                  *inside: a block scalar
                  ? *still text
            after: *defaults
            """
        #expect(YAMLAliasKeyScan.firstAliasKey(in: yaml) == nil)
    }
}
