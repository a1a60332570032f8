import CivilCalendar
import Foundation

/// The pooled model's features for forecasting one series `step` days after an origin day, from the
/// history up to and including the origin only: the step; the target day's weekday, day of month,
/// week of year and holidays; the last week's values, the same weekday's recent values, rolling
/// means, spread and share of zero days, and the values around the same day a year before, all
/// divided by the series' recent mean (the `scale`, so that every series speaks the same units);
/// the scale itself, the history's length and its share of zeros; and per covariate its value on
/// the target day (NaN when unknown: XGBoost treats it as missing) and its recent mean.
struct PooledFeatures {
    let covariateNames: [String]
    /// Per holiday event, the days (since 1970-01-01) it covers.
    let holidayDays: [Set<Int>]

    var count: Int { 3 + 3 + holidayDays.count + 7 + 2 + 6 + 3 + 3 + 2 * covariateNames.count }

    init(covariateNames: [String], holidays: [Holiday], firstDay: Int, lastDay: Int) {
        self.covariateNames = covariateNames
        let firstYear = CivilDate(daysSinceEpoch: firstDay).year - 1, lastYear = CivilDate(daysSinceEpoch: lastDay).year + 1
        holidayDays = holidays.map { holiday in
            Set((firstYear...max(firstYear, lastYear)).flatMap { year -> Range<Int> in
                guard let first = holiday.firstDay(in: year) else { return 0..<0 }
                return first..<(first + holiday.length)
            })
        }
    }

    /// One series with running sums for fast rolling statistics.
    struct Series {
        let start: Int
        let values: [Double]
        let covariates: [[Double]]
        private let sums: [Double]
        private let squares: [Double]
        private let zeros: [Double]

        init(start: Int, values: [Double], covariates: [[Double]]) {
            self.start = start
            self.values = values
            self.covariates = covariates
            var sums = [0.0], squares = [0.0], zeros = [0.0]
            for value in values {
                sums.append(sums.last! + value)
                squares.append(squares.last! + value * value)
                zeros.append(zeros.last! + (value == 0 ? 1 : 0))
            }
            self.sums = sums
            self.squares = squares
            self.zeros = zeros
        }

        /// Mean of the `days` days ending at `end` (clipped to the history), NaN when none.
        func mean(endingAt end: Int, days: Int) -> Double {
            let first = max(0, end - days + 1)
            guard end >= first, end < values.count else { return .nan }
            return (sums[end + 1] - sums[first]) / Double(end - first + 1)
        }

        func deviation(endingAt end: Int, days: Int) -> Double {
            let first = max(0, end - days + 1), n = Double(end - first + 1)
            let mean = (sums[end + 1] - sums[first]) / n
            return max(0, (squares[end + 1] - squares[first]) / n - mean * mean).squareRoot()
        }

        func zeroShare(endingAt end: Int, days: Int) -> Double {
            let first = max(0, end - days + 1)
            return (zeros[end + 1] - zeros[first]) / Double(end - first + 1)
        }

        /// The divisor of values and target at an origin: the last four weeks' mean, else the whole history's, else 1.
        func scale(at origin: Int) -> Double {
            let recent = mean(endingAt: origin, days: 28)
            if recent > 0 { return recent }
            let whole = mean(endingAt: origin, days: origin + 1)
            return whole > 0 ? whole : 1
        }

        func value(_ index: Int) -> Double { index >= 0 && index < values.count ? values[index] : .nan }
    }

    /// Appends the features of forecasting `series` `step` days (1 = the next day) after index `origin`.
    func append(_ series: Series, origin: Int, step: Int, scale: Double, to row: inout [Float]) {
        let target = origin + step, day = series.start + target
        let date = CivilDate(daysSinceEpoch: day)
        let dayOfYear = day - Int(CivilDate(year: date.year, month: 1, day: 1).daysSinceEpoch)
        func lag(_ index: Int) -> Float { index <= origin ? Float(series.value(index) / scale) : .nan }
        row.append(Float(step))
        row.append(Float(date.isoWeekday))
        row.append(Float(date.day))
        row.append(Float(dayOfYear / 7 + 1))
        row.append(Float(date.month))
        row.append(Float(dayOfYear))
        for days in holidayDays { row.append(days.contains(day) ? 1 : 0) }
        for back in 0..<7 { row.append(lag(origin - back)) }
        // The same weekday: the latest seen, and the mean of up to four.
        let weeksBack = (step + 6) / 7
        row.append(lag(target - 7 * weeksBack))
        var sameWeekday = 0.0, seen = 0.0
        for week in weeksBack..<(weeksBack + 4) where target - 7 * week >= 0 {
            sameWeekday += series.values[target - 7 * week]
            seen += 1
        }
        row.append(seen > 0 ? Float(sameWeekday / seen / scale) : .nan)
        row.append(Float(series.mean(endingAt: origin, days: 7) / scale))
        row.append(Float(series.mean(endingAt: origin, days: 28) / scale))
        row.append(Float(series.mean(endingAt: origin, days: 91) / scale))
        row.append(Float(series.mean(endingAt: origin, days: 364) / scale))
        row.append(Float(series.deviation(endingAt: origin, days: 28) / scale))
        row.append(Float(series.zeroShare(endingAt: origin, days: 28)))
        // A year before: the target day's week, and the level then (so the trees see the season's lift).
        row.append(lag(target - 364))
        row.append(target - 364 - 3 >= 0 ? Float(series.mean(endingAt: target - 364 + 3, days: 7) / scale) : .nan)
        row.append(origin - 364 >= 0 ? Float(series.mean(endingAt: origin - 364, days: 28) / scale) : .nan)
        row.append(Float(log(scale)))
        row.append(Float(log(Double(origin + 1))))
        row.append(Float(series.zeroShare(endingAt: origin, days: origin + 1)))
        for covariate in series.covariates {
            let future = target < covariate.count ? covariate[target] : .nan
            row.append(Float(future))
            var sum = 0.0, known = 0.0
            for index in max(0, origin - 27)...origin where index < covariate.count && covariate[index].isFinite {
                sum += covariate[index]
                known += 1
            }
            row.append(known > 0 ? Float(sum / known) : .nan)
        }
    }
}
