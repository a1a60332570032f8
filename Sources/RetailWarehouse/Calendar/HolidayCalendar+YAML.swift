import EdgeCore
import Foundation
import Yams

/// Reading holiday calendars from YAML (the shipped ``HolidayCalendar/unitedStates`` is `US`):
///
/// ```yaml
/// calendars:
///   GB:
///     holidays:
///       - { name: New Year's Day, date: 01-01 }                   # fixed month-day
///       - { name: Good Friday, easter: -2 }                       # days from Easter Sunday
///       - { name: Spring bank holiday, month: 5, weekday: monday, nth: last }
///       - { name: Christmas shopping, date: 12-18, days: 6 }      # six days from December 18
///       - { name: Boxing Day, after: Christmas Day, offset: 1 }   # from an earlier holiday
///   US-CA:
///     include: US                                                 # US's holidays, then these
///     holidays:
///       - { name: Cesar Chavez Day, date: 03-31 }
/// ```
extension HolidayCalendar {
    static let holidayKeys = ["name", "date", "month", "weekday", "nth", "easter", "after", "offset", "days"]
    static let weekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// Reads a calendars file; every problem is reported with its file, line and column.
    public static func load(path: String) throws(ConfigError) -> [HolidayCalendar] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(code: .unreadable, diagnostics: [Diagnostic(at: SourceLocation(file: path, line: 1, column: 1), FileAccess.explain("cannot read the holidays file", path: path))])
        }
        return try parse(text, file: path)
    }

    /// Parses calendars YAML (`file` names it in errors); `include:` may name the shipped
    /// calendars and those defined before.
    public static func parse(_ text: String, file: String, shipped: [HolidayCalendar] = [.unitedStates]) throws(ConfigError) -> [HolidayCalendar] {
        var diagnostics: [Diagnostic] = []
        func error(_ node: Node?, _ message: String) {
            diagnostics.append(CheckedYAML.diagnostic(node, file: file, message))
        }
        let root = try CheckedYAML.compose(text, file: file)
        guard let mapping = root?.mapping, mapping.count == 1, let (key, value) = mapping.first, key.scalar?.string == "calendars", let entries = value.mapping else {
            error(root, "a holidays file is a mapping 'calendars:' of calendar names to their holidays")
            throw ConfigError(code: .invalid, diagnostics: diagnostics)
        }
        var known = Dictionary(shipped.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        var calendars: [HolidayCalendar] = []
        for (nameNode, body) in entries {
            let name = nameNode.scalar?.string ?? ""
            if calendars.contains(where: { $0.name == name }) { error(nameNode, "calendar '\(name)' is defined twice") }
            guard let fields = body.mapping else {
                error(body, "calendar '\(name)' must be a mapping with 'holidays:' (and optionally 'include:')")
                continue
            }
            var holidays: [Holiday] = []
            for (fieldNode, fieldValue) in fields {
                switch fieldNode.scalar?.string ?? "" {
                case "include":
                    guard let names = fieldValue.sequence?.compactMap({ $0.scalar?.string }) ?? fieldValue.scalar.map({ [$0.string] }) else {
                        error(fieldValue, "'include' must be a calendar name or a list of them")
                        continue
                    }
                    for included in names {
                        guard let calendar = known[included] else {
                            var message = "calendar '\(included)' is unknown here (known: \(known.keys.sorted().joined(separator: ", ")))"
                            if let suggestion = EditDistance.suggestion(for: included, among: known.keys) { message += "; did you mean '\(suggestion)'?" }
                            error(fieldValue, message)
                            continue
                        }
                        holidays += calendar.holidays
                    }
                case "holidays":
                    guard let items = fieldValue.sequence else {
                        error(fieldValue, "'holidays' must be a list of holidays with name and a date rule")
                        continue
                    }
                    for item in items {
                        if let holiday = holiday(item, earlier: holidays, error: error) {
                            if holidays.contains(where: { $0.name == holiday.name }) { error(item, "holiday '\(holiday.name)' appears twice in calendar '\(name)'") }
                            holidays.append(holiday)
                        }
                    }
                case let other:
                    var message = "unknown key '\(other)' in calendar '\(name)'; expected holidays or include"
                    if let suggestion = EditDistance.suggestion(for: other, among: ["holidays", "include"]) { message += " (did you mean '\(suggestion)'?)" }
                    error(fieldNode, message)
                }
            }
            let calendar = HolidayCalendar(name: name, holidays: holidays)
            known[name] = calendar
            calendars.append(calendar)
        }
        guard diagnostics.isEmpty else { throw ConfigError(code: .invalid, diagnostics: diagnostics) }
        return calendars
    }

    /// One holiday entry: `name`, exactly one rule (`date`, `month`+`weekday`+`nth`, `easter` or
    /// `after`), an optional `offset` in days and `days` (length).
    static func holiday(_ node: Node, earlier: [Holiday], error: (Node?, String) -> Void) -> Holiday? {
        guard let fields = node.mapping else {
            error(node, "a holiday is a mapping like { name: Christmas Day, date: 12-25 }")
            return nil
        }
        var values: [String: Node] = [:]
        for (keyNode, value) in fields {
            let key = keyNode.scalar?.string ?? ""
            guard holidayKeys.contains(key) else {
                var message = "unknown key '\(key)' in a holiday; expected \(holidayKeys.joined(separator: ", "))"
                if let suggestion = EditDistance.suggestion(for: key, among: holidayKeys) { message += " (did you mean '\(suggestion)'?)" }
                error(keyNode, message)
                return nil
            }
            guard value.scalar != nil else {
                error(value, "'\(key)' must be a plain value")
                return nil
            }
            values[key] = value
        }
        func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
            guard let node = values[key] else { return nil }
            guard let number = node.scalar.flatMap({ Int($0.string) }), range.contains(number) else {
                error(node, "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            return number
        }
        guard let name = values["name"]?.scalar?.string, !name.isEmpty else {
            error(node, "a holiday needs a name")
            return nil
        }
        let rules = ["date", "month", "easter", "after"].filter { values[$0] != nil }
        guard rules.count == 1 else {
            error(node, rules.isEmpty
                  ? "holiday '\(name)' has no date rule: give date: MM-DD, month + weekday + nth, easter: DAYS or after: HOLIDAY"
                  : "holiday '\(name)' has several date rules (\(rules.joined(separator: ", "))); give exactly one")
            return nil
        }
        var rule: HolidayRule
        switch rules[0] {
        case "date":
            let node = values["date"]!, text = node.scalar!.string
            let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            guard parts.count == 2, let month = parts[0], let day = parts[1], CivilDate.isValid(year: 2024, month: month, day: day) else {
                error(node, "date '\(text)' of holiday '\(name)' is not a month and day like 12-25")
                return nil
            }
            rule = .fixed(month: month, day: day)
        case "month":
            guard let month = integer("month", in: 1...12) else { return nil }
            guard let weekdayNode = values["weekday"], let nthNode = values["nth"] else {
                error(node, "holiday '\(name)' with 'month' needs 'weekday' (monday … sunday) and 'nth' (1 … 5 or last)")
                return nil
            }
            let weekdayText = weekdayNode.scalar!.string.lowercased()
            guard let weekday = weekdayNames.firstIndex(of: weekdayText).map({ $0 + 1 }) else {
                var message = "weekday '\(weekdayText)' is not a day of the week (monday … sunday)"
                if let suggestion = EditDistance.suggestion(for: weekdayText, among: weekdayNames) { message += "; did you mean '\(suggestion)'?" }
                error(weekdayNode, message)
                return nil
            }
            let nthText = nthNode.scalar!.string.lowercased()
            guard let nth = nthText == "last" ? -1 : Int(nthText), (1...5).contains(nth) || (-5...(-1)).contains(nth) else {
                error(nthNode, "nth '\(nthText)' must be 1 … 5, last, or -1 … -5 (counting from the month's end)")
                return nil
            }
            rule = .nthWeekday(month: month, weekday: weekday, nth: nth)
        case "easter":
            guard let days = integer("easter", in: -100...100) else { return nil }
            rule = .easter(days: days)
        default:
            let node = values["after"]!, base = node.scalar!.string
            guard let found = earlier.first(where: { $0.name == base }) else {
                var message = "holiday '\(name)' is after '\(base)', which is not listed before it in this calendar"
                if let suggestion = EditDistance.suggestion(for: base, among: earlier.map(\.name)) { message += "; did you mean '\(suggestion)'?" }
                error(node, message)
                return nil
            }
            rule = found.rule
        }
        if rules[0] != "month" {
            for key in ["weekday", "nth"] where values[key] != nil {
                error(values[key], "'\(key)' belongs to a month + weekday + nth rule, not to '\(rules[0])'")
                return nil
            }
        }
        if values["offset"] != nil {
            guard let offset = integer("offset", in: -366...366) else { return nil }
            if offset != 0 { rule = .offset(rule, days: offset) }
        }
        var length = 1
        if values["days"] != nil {
            guard let days = integer("days", in: 1...366) else { return nil }
            length = days
        }
        return Holiday(name: name, rule: rule, length: length)
    }
}
