import Foundation
import Testing

extension Agent {
    /// Runs a page script of `Tests/browser` (headless Chromium) with `arguments` and returns
    /// the JSON object it prints; fails the test with the script's errors if it does not end well.
    static func browse(_ script: String, _ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", packageRoot + "/Tests/browser/" + script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let (data, errors) = readBoth(out, err)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(script): \(String(decoding: errors, as: UTF8.self))")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
