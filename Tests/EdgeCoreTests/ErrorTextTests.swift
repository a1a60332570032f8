import EdgeCore
import Foundation
import Testing

@Suite("Error texts operators read")
struct ErrorTextTests {
    @Test func aFileErrorIsItsPathAndTheSystemsReason() throws {
        do {
            try FileManager.default.createDirectory(atPath: "/proc/retail-edge-\(UUID().uuidString)/state", withIntermediateDirectories: true)
            Issue.record("created a directory under /proc")
        } catch {
            let text = ErrorText.describe(error)
            #expect(text.hasPrefix("/proc/retail-edge-"))
            #expect(text.hasSuffix(": No such file or directory") || text.hasSuffix(": Permission denied") || text.hasSuffix(": Operation not permitted"))
            #expect(!text.contains("NSCocoaErrorDomain"))
        }
        let denied = CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: "/var/lib/retail-edge/checkpoints"])
        #expect(ErrorText.describe(denied) == "/var/lib/retail-edge/checkpoints: Permission denied")
    }

    @Test func otherErrorsKeepTheirDescriptionWithoutSecrets() {
        struct Failure: Error, CustomStringConvertible { var description: String { "cannot connect to postgres://app:hunter2@db/retail" } }
        #expect(ErrorText.describe(Failure()) == "cannot connect to postgres://app:***@db/retail")
    }

    @Test func everyKindOfSecretIsRedactedWhateverItsCase() {
        let cases = [
            ("host=db PassWord=hunter2 dbname=x", "host=db PassWord=*** dbname=x"),
            ("sasl.password: s3cr3t", "sasl.password: ***"),
            ("PWD=abc;", "PWD=***;"),
            ("?API-Key=k123&x=1", "?API-Key=***&x=1"),
            ("client_secret='zz'", "client_secret='***'"),
            ("Authorization: BEARER eyJhbGci.x-y", "Authorization: BEARER ***"),
            ("HTTPS://u:p@h/x", "HTTPS://u:***@h/x"),
            ("a plain error at line 3", "a plain error at line 3"),
        ]
        for (text, expected) in cases {
            #expect(ErrorText.redact(text) == expected, "\(text)")
        }
    }
}
