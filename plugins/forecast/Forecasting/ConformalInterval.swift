import Foundation

/// Interval offsets around a point forecast from out-of-sample errors (split conformal), scaled by
/// `√(forecast + 1)` so that intervals widen with the level as count noise does, and by a growth
/// factor in the forecast step fitted to the backtest errors, so that a 30th day ahead gets a
/// wider interval than the first (normalised conformal prediction).
struct ConformalInterval: Sendable, Hashable, Codable {
    /// Scaled offset for the lower bound (at most zero).
    let lowerOffset: Double
    /// Scaled offset for the upper bound (at least zero).
    let upperOffset: Double
    /// Growth of the error scale with the step ahead: `intercept + slope × step`, averaging 1 over
    /// the backtest steps (absent in models saved before it existed: no growth).
    var growthIntercept: Double?
    var growthSlope: Double?
    /// Steps the growth was fitted on; it is not extrapolated beyond twice as many.
    var growthSteps: Int?
    /// The power of the level scale (absent in older models: ½).
    var levelPower: Double?

    /// Offsets such that `level` of the scaled `residuals` (actual − forecast) fall inside, with the
    /// finite-sample conformal correction; with fewer than 5 residuals, a normal interval whose spread
    /// is at least Poisson's, from `history`.
    /// `steps` is the length of each backtest window: residual `i` is `i % steps` days ahead.
    init(residuals: [Double], forecasts: [Double], steps: Int, level: Double, history: [Double]) {
        let tail = (1 - level) / 2
        if residuals.count >= 5 {
            let power = ConformalInterval.scalePower(residuals: residuals, forecasts: forecasts)
            levelPower = power
            let scaled = zip(residuals, forecasts).map { $0 / ConformalInterval.scale($1, power: power) }
            let growth = ConformalInterval.growth(of: scaled, steps: steps)
            growthIntercept = growth?.intercept
            growthSlope = growth?.slope
            growthSteps = growth == nil ? nil : steps
            let sorted = scaled.enumerated().map { index, value in
                value / ConformalInterval.factor(step: index % max(steps, 1), intercept: growth?.intercept, slope: growth?.slope, steps: steps)
            }.sorted()
            let n = Double(sorted.count)
            func quantile(_ probability: Double) -> Double {
                let position = min(max(probability * (n + 1) - 1, 0), n - 1)
                let below = Int(position.rounded(.down)), above = min(below + 1, sorted.count - 1)
                return sorted[below] + (sorted[above] - sorted[below]) * (position - Double(below))
            }
            lowerOffset = min(0, quantile(tail))
            upperOffset = max(0, quantile(1 - tail))
        } else {
            let mean = history.reduce(0, +) / Double(max(history.count, 1))
            let variance = history.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(history.count - 1, 1))
            let spread = max(variance, mean).squareRoot() * ConformalInterval.standardNormalQuantile(1 - tail) / ConformalInterval.scale(mean, power: 0.5)
            lowerOffset = -spread
            upperOffset = spread
        }
    }

    /// Lower and upper bounds around `mean` (one value per step ahead), the lower never below zero.
    func bounds(around mean: [Double]) -> (lower: [Double], upper: [Double]) {
        let factors = mean.indices.map { ConformalInterval.factor(step: $0, intercept: growthIntercept, slope: growthSlope, steps: growthSteps ?? 1) }
        let power = levelPower ?? 0.5
        return (zip(mean, factors).map { max(0, $0 + lowerOffset * $1 * ConformalInterval.scale($0, power: power)) },
                zip(mean, factors).map { max(0, $0 + upperOffset * $1 * ConformalInterval.scale($0, power: power)) })
    }

    /// The error-scale factor `step` days ahead.
    static func factor(step: Int, intercept: Double?, slope: Double?, steps: Int) -> Double {
        guard let intercept, let slope else { return 1 }
        return max(0.25, intercept + slope * Double(min(step, 2 * max(steps, 1))))
    }

    /// A line through the mean absolute scaled error per step ahead (least squares, never
    /// decreasing), normalised to average 1 over the steps; `nil` with too few steps to tell.
    static func growth(of scaled: [Double], steps: Int) -> (intercept: Double, slope: Double)? {
        guard steps >= 7, scaled.count >= 2 * steps else { return nil }
        var sums = [Double](repeating: 0, count: steps), counts = [Double](repeating: 0, count: steps)
        for (index, value) in scaled.enumerated() {
            sums[index % steps] += abs(value)
            counts[index % steps] += 1
        }
        let means = zip(sums, counts).map { $1 > 0 ? $0 / $1 : 0 }
        let n = Double(steps), xMean = (n - 1) / 2, yMean = means.reduce(0, +) / n
        guard yMean > 0 else { return nil }
        var covariance = 0.0, variance = 0.0
        for (step, value) in means.enumerated() {
            covariance += (Double(step) - xMean) * (value - yMean)
            variance += (Double(step) - xMean) * (Double(step) - xMean)
        }
        let slope = max(0, covariance / variance)
        let intercept = yMean - slope * xMean
        // Normalised so the factor averages 1 over the fitted steps: the offsets keep their meaning.
        return (intercept / yMean, slope / yMean)
    }

    /// The error scale at a forecast: `(forecast + 1)^power`; ½ is Poisson-like noise, 1 noise
    /// that grows with the level (overdispersed counts).
    private static func scale(_ forecast: Double, power: Double) -> Double { pow(max(forecast, 0) + 1, power) }

    /// How fast errors grow with the level: the slope of log |error| on log(forecast + 1) over
    /// the backtest, between ½ and 1; ¾ when the backtest cannot tell (too few or too similar levels).
    static func scalePower(residuals: [Double], forecasts: [Double]) -> Double {
        let points = zip(residuals, forecasts).map { (x: log(max($1, 0) + 1), y: log(abs($0) + 0.5)) }
        guard points.count >= 20 else { return 0.75 }
        let xMean = points.reduce(0) { $0 + $1.x } / Double(points.count), yMean = points.reduce(0) { $0 + $1.y } / Double(points.count)
        let variance = points.reduce(0) { $0 + ($1.x - xMean) * ($1.x - xMean) } / Double(points.count)
        guard variance > 0.05 else { return 0.75 }
        let covariance = points.reduce(0) { $0 + ($1.x - xMean) * ($1.y - yMean) } / Double(points.count)
        return min(1, max(0.5, covariance / variance))
    }

    /// Acklam's rational approximation of the standard normal quantile (relative error below 1.2e-9).
    static func standardNormalQuantile(_ p: Double) -> Double {
        let a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.3577518672690, -30.66479806614716, 2.506628277459239]
        let b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572]
        let c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]
        let d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]
        let p = min(max(p, 1e-12), 1 - 1e-12)
        if p < 0.02425 {
            let q = (-2 * log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > 1 - 0.02425 { return -standardNormalQuantile(1 - p) }
        let q = p - 0.5, r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}
