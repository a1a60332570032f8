import Foundation
import Testing

/// The pooled model's OpenMP threads sleep when idle (OMP_WAIT_POLICY=PASSIVE) unless the environment
/// says otherwise: threads spinning between XGBoost's short parallel loops take the cores a store box's
/// other stages need. libgomp prints what it read when OMP_DISPLAY_ENV is set: left unset, the policy
/// shows as PASSIVE but threads spin 300,000 times before they sleep (GOMP_SPINCOUNT); PASSIVE is 0.
@Suite("XGBoost's threads")
struct XGBoostThreadsTests {
    @Test func idleThreadsSleepUnlessTheEnvironmentSaysOtherwise() throws {
        let directory = Agent.temporaryDirectory()
        var lines = ["date,store_id,product_id,units"]
        for day in 0..<90 {
            let date = ISO8601DateFormatter.string(from: Date(timeIntervalSince1970: 1_704_067_200 + Double(day) * 86_400),
                                                   timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            for product in 1...3 { lines.append("\(date),S1,P\(product),\((day * product) % 7 + product)") }
        }
        try lines.joined(separator: "\n").write(toFile: directory + "/daily.csv", atomically: true, encoding: .utf8)
        func forecast(model: String, policy: String?) throws -> Agent.Result {
            let environment = (policy.map { ["OMP_WAIT_POLICY=\($0)"] } ?? ["-u", "OMP_WAIT_POLICY"]) + ["OMP_DISPLAY_ENV=verbose"]
            return try Agent.execute("/usr/bin/env", environment + [Agent.binary, "forecast", "predict", "--input", directory + "/daily.csv",
                                                                   "--model", model, "--output", directory + "/\(model).csv"])
        }
        let unset = try forecast(model: "pooled", policy: nil)
        #expect(unset.status == 0, "\(unset.stderr)")
        #expect(unset.stderr.contains("GOMP_SPINCOUNT = '0'"), "\(unset.stderr)")
        let active = try forecast(model: "pooled", policy: "ACTIVE")
        #expect(active.status == 0, "\(active.stderr)")
        #expect(active.stderr.contains("OMP_WAIT_POLICY = 'ACTIVE'") && !active.stderr.contains("GOMP_SPINCOUNT = '0'"), "\(active.stderr)")
        // A model that does not use XGBoost does not load it (nor its OpenMP runtime).
        let ets = try forecast(model: "ets", policy: nil)
        #expect(ets.status == 0, "\(ets.stderr)")
        #expect(!ets.stderr.contains("OMP_WAIT_POLICY"), "\(ets.stderr)")
    }
}
