import Foundation

/// Interval offsets for forecasts, calibrated on the pooled model's out-of-sample errors of every
/// series at once (split conformal), separately by demand level (bins of the forecast with equal
/// numbers of errors) and by week ahead, so that a mostly-zero item gets the interval of other
/// mostly-zero items a week as far ahead, not that of the panel's best sellers. Offsets are in
/// units of `√(forecast + 1)`.
public struct PooledInterval: Sendable, Hashable, Codable {
    /// Upper edges of the level bins but the last (forecasts up to `levelEdges[i]` are in bin `i`).
    let levelEdges: [Double]
    /// `[week][bin]` scaled lower offset (at most zero) and upper offset (at least zero).
    let lowerOffsets: [[Double]]
    let upperOffsets: [[Double]]

    /// Weeks ahead told apart; later steps use the last.
    static let weeks = 5
    /// Level bins, fewer when there are few errors.
    static let levelBins = 8
    /// Fewest errors per bin and week before the bin's all-weeks quantiles are used.
    static let minimumCell = 40

    /// Calibrates on out-of-sample `(forecast, actual, step)` triples (step 0 is one day ahead).
    init(errors: [(forecast: Double, actual: Double, step: Int)], level: Double) {
        let tail = (1 - level) / 2
        let sortedForecasts = errors.map(\.forecast).sorted()
        let bins = max(1, min(Self.levelBins, errors.count / (Self.minimumCell * 2)))
        var edges: [Double] = []
        for bin in 1..<max(bins, 1) {
            let edge = sortedForecasts[bin * sortedForecasts.count / bins]
            if edge > (edges.last ?? -.infinity) { edges.append(edge) }
        }
        levelEdges = edges
        let binCount = edges.count + 1
        var cells = [[[Double]]](repeating: [[Double]](repeating: [], count: binCount), count: Self.weeks)
        for error in errors {
            let scaled = (error.actual - error.forecast) / Self.scale(error.forecast)
            cells[min(error.step / 7, Self.weeks - 1)][Self.bin(error.forecast, edges: edges)].append(scaled)
        }
        // Too few errors to tell: a Poisson-like normal interval.
        let normal = ConformalInterval.standardNormalQuantile(1 - tail)
        var lower = [[Double]](repeating: [Double](repeating: errors.count < Self.minimumCell ? -normal : 0, count: binCount), count: Self.weeks)
        var upper = lower.map { $0.map { -$0 } }
        guard errors.count >= Self.minimumCell else {
            lowerOffsets = lower
            upperOffsets = upper
            return
        }
        for bin in 0..<binCount {
            let pooled = (0..<Self.weeks).flatMap { cells[$0][bin] }.sorted()
            for week in 0..<Self.weeks {
                let cell = cells[week][bin].count >= Self.minimumCell ? cells[week][bin].sorted() : pooled
                guard !cell.isEmpty else { continue }
                lower[week][bin] = min(0, Self.quantile(cell, tail))
                upper[week][bin] = max(0, Self.quantile(cell, 1 - tail))
            }
        }
        lowerOffsets = lower
        upperOffsets = upper
    }

    /// Lower and upper bounds around `mean` (one value per step ahead), the lower never below zero.
    func bounds(around mean: [Double]) -> (lower: [Double], upper: [Double]) {
        var lower: [Double] = [], upper: [Double] = []
        for (step, value) in mean.enumerated() {
            let week = min(step / 7, Self.weeks - 1), bin = Self.bin(value, edges: levelEdges)
            lower.append(max(0, value + lowerOffsets[week][bin] * Self.scale(value)))
            upper.append(max(0, value + upperOffsets[week][bin] * Self.scale(value)))
        }
        return (lower, upper)
    }

    static func scale(_ forecast: Double) -> Double { (max(forecast, 0) + 1).squareRoot() }

    static func bin(_ forecast: Double, edges: [Double]) -> Int {
        edges.firstIndex { forecast <= $0 } ?? edges.count
    }

    /// The finite-sample conformal quantile of sorted `values`.
    static func quantile(_ sorted: [Double], _ probability: Double) -> Double {
        let n = Double(sorted.count)
        let position = min(max(probability * (n + 1) - 1, 0), n - 1)
        let below = Int(position.rounded(.down)), above = min(below + 1, sorted.count - 1)
        return sorted[below] + (sorted[above] - sorted[below]) * (position - Double(below))
    }
}
