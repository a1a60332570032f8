import EdgeCore
import EdgeCoreTesting
import PostgresPlugin
import Testing

@Suite("postgres: options checked when the pipeline is built")
struct PostgresPluginTests {
    func build(_ options: String) throws {
        var registry = PluginRegistry()
        registry.register(StaticSource.registration("rows", [StaticSource.batch(Schema([Field("x", .int)]), [[.int(1)]])]))
        registry.register(PostgresPlugin.registration)
        _ = try PipelineHarness.runner(yaml: """
            sources:
              in: { type: rows }
            sinks:
              db: { type: postgres, inputs: [in], table: events, \(options) }
            """, registry: registry, dataDirectory: PipelineHarness.temporaryDirectory())
    }

    func message(_ options: String) -> String? {
        do {
            try build(options)
            return nil
        } catch let error as ConfigError {
            return error.errors.first?.message
        } catch {
            return "\(error)"
        }
    }

    @Test func acceptsURLsAndKeyValueStringsWithoutConnecting() {
        #expect(message("url: 'postgres://u:p@localhost:1/db'") == nil)
        #expect(message("url: 'postgresql://localhost/db?sslmode=require'") == nil)
        #expect(message("url: 'host=localhost dbname=db'") == nil)
    }

    @Test func refusesOtherURLsAndBadSchemaNames() {
        #expect(message("url: 'mysql://localhost/db'")?.contains("must be a postgres:// URL or a libpq key=value string") == true)
        #expect(message("url: 'postgres://localhost/db', schema: 'bad name'")?.contains("'bad name' is not a valid schema name") == true)
    }
}
