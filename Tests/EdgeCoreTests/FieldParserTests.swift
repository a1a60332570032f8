import EdgeCore
import Testing

@Suite struct FieldParserTests {
    func int(_ s: String) -> Int64? { FieldParser.parse(s, FieldParser.int) }
    func double(_ s: String) -> Double? { FieldParser.parse(s, FieldParser.double) }
    func date(_ s: String) -> Int32? { FieldParser.parse(s, FieldParser.date) }
    func timestamp(_ s: String) -> Int64? { FieldParser.parse(s, FieldParser.timestamp) }

    @Test func integers() {
        #expect(int("42") == 42)
        #expect(int("-7") == -7)
        #expect(int("+3") == 3)
        #expect(int("9223372036854775807") == Int64.max)
        #expect(int("9223372036854775808") == nil)
        #expect(int("1.0") == nil)
        #expect(int("") == nil)
        #expect(int("-") == nil)
    }

    @Test func doublesMatchTheStandardLibrary() {
        for text in ["3.49", "0.1", "-12.75", "1e3", "123456789.123456", "0.000001", ".5", "5.", "1234567890123456789.5"] {
            #expect(double(text) == Double(text), "\(text)")
        }
        #expect(double("abc") == nil)
        #expect(double("1.2.3") == nil)
        #expect(double(".") == nil)
        #expect(double("inf") == nil)
    }

    /// strtod's extras are not decimals: hex, leading spaces or tabs, `nan`; a long decimal is.
    @Test func onlyDecimalsAndOfAnyLength() {
        for text in ["0x10", "\t5", " 5", "5 ", "nan", "infinity", "1e", "e5", "1e+", "--1", "1_000"] {
            #expect(double(text) == nil, "\(text)")
        }
        let long = "1." + String(repeating: "0", count: 200) + "1"
        #expect(double(long) == 1.0)
        #expect(double("-2.5e-3") == -0.0025)
    }

    @Test func zonesBeyondTheClockAreRefused() {
        #expect(timestamp("2024-01-01T10:00:00+05:99") == nil)
        #expect(timestamp("2024-01-01T10:00:00+0560") == nil)
        #expect(timestamp("2024-01-01T10:00:00+05:45") == timestamp("2024-01-01T04:15:00Z"))
        let format = DateTimeFormat("%Y-%m-%d %H:%M%z")!
        #expect(FieldParser.parse("2024-01-01 10:00+05:99") { format.timestamp($0) } == nil)
        #expect(FieldParser.parse("2024-01-01 10:00+25:00") { format.timestamp($0) } == nil)
        #expect(FieldParser.parse("2024-01-01 10:00+05:45") { format.timestamp($0) } == timestamp("2024-01-01T04:15:00Z"))
    }

    @Test func dates() {
        #expect(date("1970-01-01") == 0)
        #expect(date("2024-02-29") == CivilDate(year: 2024, month: 2, day: 29).daysSinceEpoch)
        #expect(date("2023-02-29") == nil)
        #expect(date("2024-13-01") == nil)
        #expect(date("2024/03/05") == date("2024-03-05"))
        #expect(date("2024-3-5") == nil)
    }

    @Test func timestampsWithZonesAndFractions() {
        #expect(timestamp("1970-01-01T00:00:00Z") == 0)
        #expect(timestamp("1970-01-01 00:00:01") == 1_000_000)
        #expect(timestamp("1970-01-01T01:00:00+01:00") == 0)
        #expect(timestamp("1970-01-01T00:00:00.25Z") == 250_000)
        #expect(timestamp("2024-01-01T10:30") == Int64(CivilDate(year: 2024, month: 1, day: 1).daysSinceEpoch) * 86_400_000_000 + 37_800_000_000)
        #expect(timestamp("2024-01-01T25:00:00") == nil)
        #expect(timestamp("2024-01-01T10:00:00+0530") == timestamp("2024-01-01T04:30:00Z"))
        #expect(timestamp("2024-01-01") == Int64(CivilDate(year: 2024, month: 1, day: 1).daysSinceEpoch) * 86_400_000_000)
    }

    @Test func yearsBeforeTheCommonEraCarryTheirSign() {
        #expect(CivilDate(year: -1, month: 12, day: 31).description == "-0001-12-31")
        #expect(CivilDate(daysSinceEpoch: CivilDate(year: -1, month: 12, day: 31).daysSinceEpoch) == CivilDate(year: -1, month: 12, day: 31))
        #expect(CivilDate(year: 0, month: 1, day: 1).description == "0000-01-01")
        #expect(CivilDate(year: 12345, month: 6, day: 7).description == "12345-06-07")
    }

    @Test func civilDatesRoundTrip() {
        for day in stride(from: Int32(-800_000), through: 800_000, by: 997) {
            #expect(CivilDate(daysSinceEpoch: day).daysSinceEpoch == day)
        }
        #expect(CivilDate(year: 2024, month: 11, day: 25).isoWeekday == 1)
        #expect(Timestamps.day(ofMicroseconds: -1) == -1)
    }
}

@Suite struct DateTimeFormatTests {
    func ts(_ format: String, _ text: String) -> Int64? {
        DateTimeFormat(format).flatMap { f in FieldParser.parse(text) { f.timestamp($0) } }
    }
    let iso = { (text: String) in FieldParser.parse(text, FieldParser.timestamp) }

    @Test func usAndEuropeanExports() {
        #expect(ts("%m/%d/%Y %H:%M", "12/1/2010 8:26") == iso("2010-12-01T08:26:00"))
        #expect(ts("%d.%m.%Y", "03.04.2024") == iso("2024-04-03"))
        #expect(ts("%d/%m/%y %I:%M %p", "31/12/99 11:05 PM") == iso("1999-12-31T23:05:00"))
        #expect(ts("%d %b %Y", "7 Sept 2024") == iso("2024-09-07"))
        #expect(ts("%Y%m%d%H%M%S", "20240102030405") == iso("2024-01-02T03:04:05"))
        #expect(ts("%Y-%m-%d %H:%M:%S.%f%z", "2024-01-02 03:04:05.5+02:00") == iso("2024-01-02T01:04:05.5Z"))
    }

    @Test func rejectsWhatDoesNotMatch() {
        #expect(ts("%m/%d/%Y", "13/01/2024") == nil)
        #expect(ts("%m/%d/%Y", "02/30/2024") == nil)
        #expect(ts("%m/%d/%Y", "1/2/2024 extra") == nil)
        #expect(DateTimeFormat("%Q") == nil)
    }
}

@Suite struct UTF8ValidationTests {
    func valid(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer(UTF8Validation.isValid) }

    /// Agrees with the standard library's decoder on every one- and two-byte input, and on
    /// random longer ones.
    @Test func agreesWithTheStandardLibrary() {
        for a in 0...255 {
            #expect(valid([UInt8(a)]) == (String(validating: [UInt8(a)], as: UTF8.self) != nil))
            for b in stride(from: 0, through: 255, by: 3) {
                let bytes = [UInt8(a), UInt8(b)]
                #expect(valid(bytes) == (String(validating: bytes, as: UTF8.self) != nil))
            }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...24, using: &generator)).map { _ in
                Bool.random(using: &generator) ? UInt8.random(in: 0x20...0x7E, using: &generator) : UInt8.random(in: 0x80...0xF5, using: &generator)
            }
            #expect(valid(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
        #expect(valid(Array("Zürich 東京 🛒 plain ascii text".utf8)))
        #expect(!valid([0xED, 0xA0, 0x80]))   // a surrogate
        #expect(!valid([0xC0, 0xAF]))         // overlong
        #expect(!valid([0xF4, 0x90, 0x80, 0x80])) // beyond U+10FFFF
    }
}
