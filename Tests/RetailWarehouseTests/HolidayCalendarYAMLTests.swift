import EdgeCore
import Foundation
import RetailWarehouse
import Testing

@Suite struct HolidayCalendarYAMLTests {
    static let gb = """
        calendars:
          GB:
            holidays:
              - { name: New Year's Day, date: 01-01 }
              - { name: Good Friday, easter: -2 }
              - { name: Early May bank holiday, month: 5, weekday: Monday, nth: 1 }
              - { name: Spring bank holiday, month: 5, weekday: monday, nth: last }
              - { name: Christmas shopping, date: 12-18, days: 6 }
              - { name: Christmas Day, date: 12-25 }
              - { name: Boxing Day, after: Christmas Day, offset: 1 }
          US-CA:
            include: US
            holidays:
              - { name: Cesar Chavez Day, date: 03-31 }
              - { name: Day after Thanksgiving, after: Thanksgiving, offset: 1 }
        """

    /// The problems of `yaml`, as `line:column: message`.
    static func problems(_ yaml: String) -> [String] {
        do {
            _ = try HolidayCalendar.parse(yaml, file: "holidays.yaml")
            return []
        } catch {
            return error.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" }
        }
    }

    @Test func everyKindOfRuleLandsOnItsDay() throws {
        let calendars = try HolidayCalendar.parse(Self.gb, file: "holidays.yaml")
        #expect(calendars.map(\.name) == ["GB", "US-CA"])
        let days = calendars[0].days(in: 2025)
        let name = { (month: Int, day: Int) in days[CivilDate(year: 2025, month: month, day: day).daysSinceEpoch] }
        #expect(name(4, 18) == "Good Friday")
        #expect(name(5, 5) == "Early May bank holiday")
        #expect(name(5, 26) == "Spring bank holiday")
        #expect((18...23).map { name(12, $0) } == Array(repeating: "Christmas shopping", count: 6))
        #expect(name(12, 24) == nil)
        #expect(name(12, 26) == "Boxing Day")
        // An included calendar's holidays come first, and 'after' may name one of them.
        let california = calendars[1]
        #expect(california.holidays.count == HolidayCalendar.unitedStates.holidays.count + 2)
        #expect(california.days(in: 2025)[CivilDate(year: 2025, month: 3, day: 31).daysSinceEpoch] == "Cesar Chavez Day")
        #expect(california.days(in: 2025)[CivilDate(year: 2025, month: 11, day: 28).daysSinceEpoch] == "Black Friday")
    }

    @Test func theExampleFileIsValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let calendars = try HolidayCalendar.load(path: root + "/config/holidays.yaml")
        #expect(calendars.map(\.name) == ["GB", "DE", "US-CA"])
        let germany = calendars[1].days(in: 2025)
        #expect(germany[CivilDate(year: 2025, month: 6, day: 9).daysSinceEpoch] == "Pfingstmontag")
        #expect(germany[CivilDate(year: 2025, month: 5, day: 29).daysSinceEpoch] == "Christi Himmelfahrt")
        #expect(calendars[0].days(in: 2025)[CivilDate(year: 2025, month: 3, day: 30).daysSinceEpoch] == "Mothering Sunday")
    }

    @Test func mistakesAreReportedWhereTheyAre() {
        #expect(Self.problems("""
            calendars:
              GB:
                holidays:
                  - { name: Boxing Day, dat: 12-26 }
                  - { name: Spring bank holiday, month: 5, weekday: mondy, nth: last }
                  - { name: Late, month: 8, weekday: monday, nth: 6 }
                  - { name: Leap, date: 02-30 }
                  - { name: Boxing Day II, after: Boxing Dy, offset: 1 }
                  - { name: Twice, date: 01-01, easter: 0 }
                  - { name: None, days: 2 }
                  - { name: Long, date: 01-01, days: 0 }
              XX:
                include: [UK]
                holdays: []
            """) == [
            "4:29: unknown key 'dat' in a holiday; expected name, date, month, weekday, nth, easter, after, offset, days (did you mean 'date'?)",
            "5:57: weekday 'mondy' is not a day of the week (monday … sunday); did you mean 'monday'?",
            "6:55: nth '6' must be 1 … 5, last, or -1 … -5 (counting from the month's end)",
            "7:29: date '02-30' of holiday 'Leap' is not a month and day like 12-25",
            "8:39: holiday 'Boxing Day II' is after 'Boxing Dy', which is not listed before it in this calendar",
            "9:9: holiday 'Twice' has several date rules (date, easter); give exactly one",
            "10:9: holiday 'None' has no date rule: give date: MM-DD, month + weekday + nth, easter: DAYS or after: HOLIDAY",
            "11:42: 'days' must be a whole number from 1 to 366",
            "13:14: calendar 'UK' is unknown here (known: GB, US); did you mean 'US'?",
            "14:5: unknown key 'holdays' in calendar 'XX'; expected holidays or include (did you mean 'holidays'?)",
        ])
        #expect(Self.problems("calendars:\n  XX:\n    include: { US: true }\n") == ["3:14: 'include' must be a calendar name or a list of them"])
        #expect(Self.problems("holidays: []") == ["1:1: a holidays file is a mapping 'calendars:' of calendar names to their holidays"])
    }
}
