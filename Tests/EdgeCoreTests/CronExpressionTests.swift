import EdgeCore
import Foundation
import Testing

@Suite struct CronExpressionTests {
    let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func fieldsListsRangesAndSteps() throws {
        let nightly = try CronExpression("30 2 * * *")
        #expect(nightly.matches(date("2025-06-03T02:30:00Z"), calendar: utc))
        #expect(!nightly.matches(date("2025-06-03T02:31:00Z"), calendar: utc))
        let everyTwoHours = try CronExpression("0 */2 * * 1-5")
        #expect(everyTwoHours.matches(date("2025-06-03T14:00:00Z"), calendar: utc)) // a Tuesday
        #expect(!everyTwoHours.matches(date("2025-06-03T15:00:00Z"), calendar: utc))
        #expect(!everyTwoHours.matches(date("2025-06-07T14:00:00Z"), calendar: utc)) // a Saturday
        let sundays = try CronExpression("0 0 * * 7")
        #expect(sundays.matches(date("2025-06-08T00:00:00Z"), calendar: utc))
    }

    @Test func aMatchBetweenTwoChecksIsNotMissed() throws {
        let nightly = try CronExpression("0 2 * * *")
        #expect(nightly.matchesBetween(date("2025-06-03T01:59:30Z"), date("2025-06-03T02:00:10Z"), calendar: utc))
        #expect(!nightly.matchesBetween(date("2025-06-03T02:00:10Z"), date("2025-06-03T02:05:00Z"), calendar: utc))
    }

    @Test func errorsNameTheField() {
        #expect(throws: CronExpressionError.self) { try CronExpression("61 * * * *") }
        #expect(throws: CronExpressionError.self) { try CronExpression("* * *") }
        #expect(throws: CronExpressionError.self) { try CronExpression("*/0 * * * *") }
    }
}
