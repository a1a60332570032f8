import CivilCalendar
import Foundation

/// The regressors of the additive model for one fitted window: intercept, trend, changepoints, Fourier and holiday terms.
struct AdditiveDesign: Sendable, Hashable, Codable {
    /// First fitted day; trend time is 0 there.
    let origin: Int
    /// Days per unit of trend time (the fitted window's length).
    let span: Double
    /// Changepoint positions in trend time.
    let changepoints: [Double]
    let weeklyOrder: Int
    let yearlyOrder: Int
    let holidays: [Holiday]

    var width: Int {
        2 + changepoints.count + 2 * weeklyOrder + 2 * yearlyOrder + holidays.reduce(0) { $0 + $1.length }
    }

    /// Lays out regressors for `length` days from `origin`; changepoints are placed in the first
    /// ``AdditiveConfiguration/changepointRange`` of the first `trainingLength` days, so that a fit on that
    /// prefix (a backtest) extrapolates its trend as cautiously as the final fit does.
    init(origin: Int, length: Int, trainingLength: Int, configuration: AdditiveConfiguration) {
        self.origin = origin
        span = Double(max(length - 1, 1))
        let range = configuration.changepointRange * Double(trainingLength) / Double(max(length, 1))
        let changepointCount = min(configuration.changepointCount, Int(range * Double(length)) / 7)
        changepoints = changepointCount > 0 ? (1...changepointCount).map { range * Double($0) / Double(changepointCount) } : []
        weeklyOrder = length >= 14 ? configuration.weeklyOrder : 0
        yearlyOrder = length >= configuration.yearlyMinimumDays ? configuration.yearlyOrder : 0
        holidays = configuration.holidays
    }

    /// The per-day holiday indicator columns, which come last.
    var holidayColumns: Range<Int> { (width - holidays.reduce(0) { $0 + $1.length })..<width }

    /// Ridge penalty per column, in column order.
    func penalties(_ configuration: AdditiveConfiguration) -> [Double] {
        [0, 0] + Array(repeating: configuration.changepointPenalty, count: changepoints.count)
            + Array(repeating: configuration.seasonalityPenalty, count: 2 * (weeklyOrder + yearlyOrder))
            + Array(repeating: configuration.holidayPenalty, count: width - 2 - changepoints.count - 2 * (weeklyOrder + yearlyOrder))
    }

    /// The regressors for each day in `days`, row after row.
    func rows(for days: Range<Int>) -> [Double] {
        let width = self.width
        var matrix = [Double](repeating: 0, count: days.count * width)
        let holidayColumns = holidayColumnsByDay(days)
        matrix.withUnsafeMutableBufferPointer { matrix in
            for (rowIndex, day) in days.enumerated() {
                let row = rowIndex * width
                let time = Double(day - origin) / span
                matrix[row] = 1
                matrix[row + 1] = time
                var column = row + 2
                for changepoint in changepoints {
                    matrix[column] = max(0, time - changepoint)
                    column += 1
                }
                AdditiveDesign.fourier(Double(day), period: 7, order: weeklyOrder, into: matrix, at: &column)
                AdditiveDesign.fourier(Double(day), period: 365.25, order: yearlyOrder, into: matrix, at: &column)
                if let columns = holidayColumns[day] {
                    for holidayColumn in columns { matrix[column + holidayColumn] = 1 }
                }
            }
        }
        return matrix
    }

    /// Offsets (past the Fourier columns) of the holiday-day columns active on each day.
    private func holidayColumnsByDay(_ days: Range<Int>) -> [Int: [Int]] {
        guard !holidays.isEmpty, !days.isEmpty else { return [:] }
        var result: [Int: [Int]] = [:]
        let firstYear = CivilDate(daysSinceEpoch: days.lowerBound).year - 1
        let lastYear = CivilDate(daysSinceEpoch: days.upperBound - 1).year + 1
        var base = 0
        for holiday in holidays {
            for year in firstYear...lastYear {
                guard let first = holiday.firstDay(in: year) else { continue }
                for dayOfEvent in 0..<holiday.length where days.contains(first + dayOfEvent) {
                    result[first + dayOfEvent, default: []].append(base + dayOfEvent)
                }
            }
            base += holiday.length
        }
        return result
    }

    /// Writes sin/cos pairs of orders 1...order, using the angle-addition recurrence for speed.
    private static func fourier(_ day: Double, period: Double, order: Int, into row: UnsafeMutableBufferPointer<Double>, at column: inout Int) {
        guard order > 0 else { return }
        let angle = 2 * Double.pi * day.truncatingRemainder(dividingBy: period) / period
        let sin1 = sin(angle), cos1 = cos(angle)
        var sinK = sin1, cosK = cos1
        for _ in 0..<order {
            row[column] = sinK
            row[column + 1] = cosK
            column += 2
            (sinK, cosK) = (sinK * cos1 + cosK * sin1, cosK * cos1 - sinK * sin1)
        }
    }
}
