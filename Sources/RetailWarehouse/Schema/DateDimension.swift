import EdgeCore

/// Rows of `dim_date` for whole years: unique dates, no gaps, as Power BI's date tables need
/// (`is_holiday` and `holiday_name` from the site's calendar); and rows of `dim_holiday`, every
/// calendar's event days, for a warehouse shared by stores of several countries.
public enum DateDimension {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// Every day of `years`, in the layout of `StarSchema.current`'s `dim_date`.
    public static func rows(years: ClosedRange<Int>, holidays: HolidayCalendar) -> RecordBatch {
        let table = StarSchema.dimDate
        var builders = table.fields.map { ColumnBuilder(type: $0.type) }
        for year in years {
            let names = holidays.days(in: year)
            let first = CivilDate(year: year, month: 1, day: 1).daysSinceEpoch
            let last = CivilDate(year: year, month: 12, day: 31).daysSinceEpoch
            for day in first...last {
                let date = CivilDate(daysSinceEpoch: day)
                let weekday = date.isoWeekday
                builders[0].append(date: day)
                builders[1].append(int: Int64(year))
                builders[2].append(int: Int64((date.month - 1) / 3 + 1))
                builders[3].append(int: Int64(date.month))
                builders[4].append(string: monthNames[date.month - 1])
                builders[5].append(int: Int64(isoWeek(of: date)))
                builders[6].append(int: Int64(weekday))
                builders[7].append(string: weekdayNames[weekday - 1])
                builders[8].append(bool: weekday >= 6)
                builders[9].append(bool: names[day] != nil)
                if let name = names[day] { builders[10].append(string: name) } else { builders[10].appendNull() }
            }
        }
        return RecordBatch(schema: Schema(table.fields), columns: builders.indices.map { builders[$0].finish() })
    }

    /// Rows of `dim_holiday` for whole years: each calendar's event days with the event's name.
    public static func holidayRows(years: ClosedRange<Int>, calendars: [HolidayCalendar]) -> RecordBatch {
        let table = StarSchema.dimHoliday
        var builders = table.fields.map { ColumnBuilder(type: $0.type) }
        for calendar in calendars {
            for year in years {
                for (day, name) in calendar.days(in: year).sorted(by: { $0.key < $1.key }) {
                    builders[0].append(string: calendar.name)
                    builders[1].append(date: day)
                    builders[2].append(string: name)
                }
            }
        }
        return RecordBatch(schema: Schema(table.fields), columns: builders.indices.map { builders[$0].finish() })
    }

    /// The ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday).
    public static func isoWeek(of date: CivilDate) -> Int {
        let day = Int(date.daysSinceEpoch)
        let thursday = day - date.isoWeekday + 4
        let thursdayYear = CivilDate(daysSinceEpoch: Int32(thursday)).year
        let yearStart = Int(CivilDate(year: thursdayYear, month: 1, day: 1).daysSinceEpoch)
        return (thursday - yearStart) / 7 + 1
    }
}
