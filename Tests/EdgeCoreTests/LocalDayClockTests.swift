import EdgeCore
import Foundation
import Testing

@Suite("Local days: instants placed in a zone through the tz database, naive timestamps kept")
struct LocalDayClockTests {
    /// The local day by Foundation's calendar, one call per instant: the reference.
    static func referenceDay(_ micros: Int64, _ zone: TimeZone) -> Int32 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(seconds)))
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!).daysSinceEpoch
    }

    @Test(arguments: ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Apia", "Europe/Moscow", "America/St_Johns", "UTC"])
    func agreesWithTheCalendarInAnyOrder(zoneName: String) {
        let zone = TimeZone(identifier: zoneName)!
        var clock = LocalDayClock(zone)
        var generator = SystemRandomNumberGenerator()
        // 2010–2026 at random, then minute by minute across this zone's transitions of 2024.
        var instants = (0..<20_000).map { _ in Int64.random(in: 1_262_304_000_000_000...1_798_761_600_000_000, using: &generator) }
        var transition = zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: 1_704_067_200))
        while let at = transition, at.timeIntervalSince1970 < 1_735_689_600 {
            let micros = Int64(at.timeIntervalSince1970) * 1_000_000
            instants += stride(from: micros - 3_600_000_000, through: micros + 3_600_000_000, by: 60_000_000)
            transition = zone.nextDaylightSavingTimeTransition(after: at)
        }
        var mismatches: [String] = []
        for micros in instants + instants.sorted() {
            let expected = Self.referenceDay(micros, zone), actual = clock.day(ofInstant: micros)
            if expected != actual, mismatches.count < 5 { mismatches.append("\(Timestamps.format(microseconds: micros)): \(CivilDate(daysSinceEpoch: actual)) ≠ \(CivilDate(daysSinceEpoch: expected))") }
        }
        #expect(mismatches.isEmpty, "\(zoneName): \(mismatches)")
    }

    @Test func samoaSkippedTheThirtiethOfDecember2011() {
        var clock = LocalDayClock(TimeZone(identifier: "Pacific/Apia")!)
        let beforeMidnight = FieldParser.parse("2011-12-30T09:59:59Z", FieldParser.timestamp)!
        #expect(CivilDate(daysSinceEpoch: clock.day(ofInstant: beforeMidnight)).description == "2011-12-29")
        #expect(CivilDate(daysSinceEpoch: clock.day(ofInstant: beforeMidnight + 1_000_000)).description == "2011-12-31")
    }

    @Test func theParserTellsNaiveFromZonedTimestamps() {
        #expect(FieldParser.timestampValue("2024-03-02T22:30:00-05:00") == .timestamp(FieldParser.parse("2024-03-03T03:30:00Z", FieldParser.timestamp)!))
        #expect(FieldParser.timestampValue("2024-03-02T22:30:00Z") == .timestamp(FieldParser.parse("2024-03-02T22:30:00", FieldParser.timestamp)!))
        #expect(FieldParser.timestampValue("2024-03-02 22:30") == .naiveTimestamp(FieldParser.parse("2024-03-02T22:30:00Z", FieldParser.timestamp)!))
        #expect(FieldParser.timestampValue("2024-03-02") == .naiveTimestamp(FieldParser.parse("2024-03-02T00:00:00Z", FieldParser.timestamp)!))
        #expect(ColumnSpec.parse(name: "ts", spec: "timestamp:%m/%d/%Y %H:%M")!.value(text: "03/02/2024 22:30") == .naiveTimestamp(FieldParser.parse("2024-03-02T22:30:00Z", FieldParser.timestamp)!))
        #expect(ColumnSpec.parse(name: "ts", spec: "timestamp:%m/%d/%Y %H:%M%z")!.value(text: "03/02/2024 22:30-0500") == .timestamp(FieldParser.parse("2024-03-03T03:30:00Z", FieldParser.timestamp)!))
    }

    @Test func naiveMarksSurviveSlicesAndTheDiskBuffer() throws {
        var builder = ColumnBuilder(type: .timestamp)
        for value in ["2024-01-01T10:00:00Z", "2024-01-01T10:00:00", "", "2024-01-02T10:00:00+01:00", "2024-01-03"] {
            builder.append(value.isEmpty ? .null : FieldParser.timestampValue(value)!)
        }
        let batch = RecordBatch(schema: Schema([Field("ts", .timestamp, nullable: true)]), columns: [builder.finish()])
        #expect((0..<5).map { batch.columns[0].isNaive($0) } == [false, true, false, false, true])
        let decoded = try BatchCodec.decode(BatchCodec.encode(batch))
        #expect(decoded.columns == batch.columns)
        #expect(batch.slice(1..<3).columns[0].naive == [true, false])
        #expect(batch.columns[0].value(at: 1).description == "2024-01-01T10:00:00")
    }
}
