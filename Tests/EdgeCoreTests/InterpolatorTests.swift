import EdgeCore
import Foundation
import Testing

@Suite struct InterpolatorTests {
    let interpolator = Interpolator(environment: ["HOST": "db", "EMPTY": ""])

    @Test func expandsVariablesDefaultsAndEscapes() throws {
        #expect(try interpolator.expand("postgres://${HOST}:5432") == "postgres://db:5432")
        #expect(try interpolator.expand("${PORT:-5432}") == "5432")
        #expect(try interpolator.expand("${EMPTY:-fallback}") == "fallback")
        #expect(try interpolator.expand("cost $$5") == "cost $5")
        #expect(try interpolator.expand("plain $HOST") == "plain $HOST")
    }

    @Test func unsetVariablesAreErrorsWithTheirOffset() {
        #expect(throws: Interpolator.Failure(message: "environment variable NOPE is not set (write ${NOPE:-default} for a default)", offset: 2)) {
            try interpolator.expand("x ${NOPE}")
        }
        #expect(throws: Interpolator.Failure(message: "environment variable EMPTY is not set: needed", offset: 0)) {
            try interpolator.expand("${EMPTY:?needed}")
        }
    }

    @Test func credentialsComeFromTheCredentialsDirectory() throws {
        let directory = NSTemporaryDirectory() + "/creds-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "s3cret\n".write(toFile: directory + "/db_password", atomically: true, encoding: .utf8)
        let withCredentials = Interpolator(environment: ["CREDENTIALS_DIRECTORY": directory])
        #expect(try withCredentials.expand("${credential:db_password}") == "s3cret")
        #expect(throws: Interpolator.Failure.self) { try withCredentials.expand("${credential:missing}") }
        #expect(throws: Interpolator.Failure.self) { try interpolator.expand("${credential:db_password}") }
    }
}
