import EdgeCore
import Testing

@Suite("Durations in config files")
struct DurationParserTests {
    @Test func unitsAndPlainSeconds() {
        #expect(DurationParser.parse("250ms") == .milliseconds(250))
        #expect(DurationParser.parse("10s") == .seconds(10))
        #expect(DurationParser.parse(" 5m ") == .seconds(300))
        #expect(DurationParser.parse("1.5h") == .seconds(5400))
        #expect(DurationParser.parse("1d") == .seconds(86400))
        #expect(DurationParser.parse("2") == .seconds(2))
        #expect(DurationParser.parse("3650d") == .seconds(3650 * 86400))
    }

    /// Values that crashed `validate` (Double → Int64 overflow) or make no sense are not durations.
    @Test(arguments: ["9999999999999h", "3651d", "1e300s", "inf", "infs", "nan", "-1s", "-0.5", "10x", "", "mms"])
    func hugeNegativeAndNonFiniteValuesAreRefused(text: String) {
        #expect(DurationParser.parse(text) == nil)
    }
}
