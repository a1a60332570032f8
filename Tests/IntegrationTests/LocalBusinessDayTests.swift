import Foundation
import Testing

/// The agent's daily totals against Python's `zoneinfo`, computed from the same file: a site in
/// New York, a store in London and one in Sydney (catalogue zones), timestamps with offsets,
/// with `Z` and naive, bunched on 2024's DST days of all three zones.
@Suite("Local business days end to end", .serialized)
struct LocalBusinessDayEndToEndTests {
    static let stores = ["NYC": "America/New_York", "LON": "Europe/London", "SYD": "Australia/Sydney"]

    /// Random transactions: a third each with `Z`, an offset and no zone (the store's wall time).
    static func transactions(rows: Int) -> String {
        // Spring-forward and fall-back days of New York, London and Sydney in 2024, and a plain day.
        let days = ["2024-03-10", "2024-11-03", "2024-03-31", "2024-10-27", "2024-04-07", "2024-10-06", "2024-07-15"]
        let offsets = ["-05:00", "-04:00", "+00:00", "+01:00", "+10:00", "+11:00", "+05:30", "-0930"]
        var generator = SystemRandomNumberGenerator()
        var text = "ts,store_id,product_id,units,unit_price\n"
        for row in 0..<rows {
            let day = days.randomElement(using: &generator)!
            // From noon the day before to noon the day after, so every row is near a local midnight or a change.
            let base = ISO8601DateFormatter().date(from: day + "T12:00:00Z")!.addingTimeInterval(-86_400)
            let instant = base.addingTimeInterval(Double(Int.random(in: 0..<(2 * 86_400), using: &generator)))
            let store = stores.keys.sorted()[row % 3]
            let stamp: String
            switch row % 3 {
            case 0:
                stamp = ISO8601DateFormatter().string(from: instant)
            case 1:
                let offset = offsets.randomElement(using: &generator)!
                let sign: Double = offset.hasPrefix("-") ? -1 : 1
                let digits = offset.dropFirst().filter(\.isNumber)
                let seconds = sign * Double(Int(digits.prefix(2))! * 3600 + Int(digits.suffix(2))! * 60)
                let formatter = ISO8601DateFormatter()
                formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
                formatter.timeZone = TimeZone(secondsFromGMT: Int(seconds))!
                stamp = formatter.string(from: instant) + offset
            default:
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.timeZone = TimeZone(identifier: "UTC")
                formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
                stamp = formatter.string(from: instant)
            }
            text += "\(stamp),\(store),P\(row % 4),\(Int.random(in: 1...9, using: &generator)),1.0\n"
        }
        return text
    }

    /// Units per "date|store|product" by Python's zoneinfo.
    static func zoneinfoTotals(_ csv: String, site: String) throws -> [String: Int] {
        let script = """
            import csv, json, sys
            from collections import defaultdict
            from datetime import datetime
            from zoneinfo import ZoneInfo
            zones = json.loads(sys.argv[2])
            totals = defaultdict(int)
            for row in csv.DictReader(open(sys.argv[1])):
                ts = datetime.fromisoformat(row["ts"].replace("Z", "+00:00"))
                zone = ZoneInfo(zones.get(row["store_id"], sys.argv[3]))
                day = ts.date() if ts.tzinfo is None else ts.astimezone(zone).date()
                totals[f"{day}|{row['store_id']}|{row['product_id']}"] += int(row["units"])
            print(json.dumps(totals))
            """
        let zones = String(decoding: try JSONSerialization.data(withJSONObject: stores.filter { $0.key != "NYC" }), as: UTF8.self)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, csv, zones, site]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONSerialization.jsonObject(with: data) as? [String: Int] ?? [:]
    }

    func setUp(_ directory: String, site: String) throws {
        try FileManager.default.createDirectory(atPath: directory + "/tx", withIntermediateDirectories: true)
        try """
            stores:
              - { id: NYC, name: Fifth Avenue }
              - { id: LON, name: Oxford Street, timezone: Europe/London }
              - { id: SYD, name: George Street, timezone: Australia/Sydney }
            """.write(toFile: directory + "/catalog.yaml", atomically: true, encoding: .utf8)
        let pipeline = Agent.pipeline(directory: directory, checkpointInterval: "200ms", batchRows: 500)
            .replacingOccurrences(of: "    inputs: [transactions]\n", with: "    inputs: [transactions]\n    catalog: \(directory)/catalog.yaml\n")
        try ("timezone: \(site)\n" + pipeline).write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
    }

    @Test func dailyTotalsEqualZoneinfosInEveryStoresZone() throws {
        let directory = Agent.temporaryDirectory()
        try setUp(directory, site: "America/New_York")
        try Self.transactions(rows: 6000).write(toFile: directory + "/tx/t.csv", atomically: true, encoding: .utf8)
        // The box's own zone must not matter: the config names the site's.
        let result = try Agent.run(["run", "--once", directory + "/p.yaml"], environment: ["TZ": "Asia/Kolkata"])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try Self.zoneinfoTotals(directory + "/tx/t.csv", site: "America/New_York")
        var actual: [String: Int] = [:]
        for row in try Agent.query(directory + "/retail.db", "SELECT date, store_id, product_id, units FROM fact_sales_daily") {
            let f = row.split(separator: "|")
            actual["\(f[0])|\(f[1])|\(f[2])"] = Int(Double(f[3])!)
        }
        #expect(expected.count > 100)
        #expect(actual == expected)
    }

    @Test func aRestartInAnotherZoneIsRefusedWithExit78AndNothingChanges() throws {
        let directory = Agent.temporaryDirectory()
        try setUp(directory, site: "America/New_York")
        try Self.transactions(rows: 300).write(toFile: directory + "/tx/t.csv", atomically: true, encoding: .utf8)
        #expect(try Agent.run(["run", "--once", directory + "/p.yaml"]).status == 0)
        let before = try Agent.query(directory + "/retail.db", "SELECT * FROM fact_sales_daily ORDER BY 1, 2, 3")
        let config = try String(contentsOfFile: directory + "/p.yaml", encoding: .utf8)
        try config.replacingOccurrences(of: "timezone: America/New_York", with: "timezone: America/Chicago")
            .write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        try Self.transactions(rows: 30).write(toFile: directory + "/tx/u.csv", atomically: true, encoding: .utf8)
        let refused = try Agent.run(["run", "--once", directory + "/p.yaml"])
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("store 'NYC'") && refused.stderr.contains("America/New_York") && refused.stderr.contains("America/Chicago"))
        #expect(refused.stderr.contains(directory + "/state/checkpoints"))
        #expect(try Agent.query(directory + "/retail.db", "SELECT * FROM fact_sales_daily ORDER BY 1, 2, 3") == before)
    }
}
