import Foundation
import Testing

/// A source path that does not exist, from the command line: `validate` warns and passes,
/// `run --once` exits 70 naming it.
@Suite("Missing source path on the command line", .serialized)
struct MissingPathCommandTests {
    @Test func validateWarnsAndRunOnceFailsNamingThePath() throws {
        let directory = Agent.temporaryDirectory()
        try Agent.pipeline(directory: directory).write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let validate = try Agent.run(["validate", directory + "/p.yaml"])
        #expect(validate.status == 0)
        #expect(validate.stderr.contains("p.yaml:6:11: warning: csv source 'transactions': '\(directory)/tx' does not exist: No such file or directory"), "\(validate.stderr)")
        let run = try Agent.run(["run", "--once", directory + "/p.yaml"])
        #expect(run.status == 70)
        #expect(run.stderr.contains("source 'transactions': '\(directory)/tx' does not exist: No such file or directory; nothing to read"), "\(run.stderr)")
    }
}
