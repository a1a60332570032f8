import Foundation

/// Interval offsets around a point forecast from out-of-sample errors (split conformal), scaled by
/// `√(forecast + 1)` so that intervals widen with the level as count noise does.
struct ConformalInterval: Sendable, Hashable, Codable {
    /// Scaled offset for the lower bound (at most zero).
    let lowerOffset: Double
    /// Scaled offset for the upper bound (at least zero).
    let upperOffset: Double

    /// Offsets such that `level` of the scaled `residuals` (actual − forecast) fall inside, with the
    /// finite-sample conformal correction; with fewer than 5 residuals, a normal interval whose spread
    /// is at least Poisson's, from `history`.
    init(residuals: [Double], forecasts: [Double], level: Double, history: [Double]) {
        let tail = (1 - level) / 2
        if residuals.count >= 5 {
            let sorted = zip(residuals, forecasts).map { $0 / ConformalInterval.scale($1) }.sorted()
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
            let spread = max(variance, mean).squareRoot() * ConformalInterval.standardNormalQuantile(1 - tail) / ConformalInterval.scale(mean)
            lowerOffset = -spread
            upperOffset = spread
        }
    }

    /// Lower and upper bounds around `mean`, with the lower bound never below zero.
    func bounds(around mean: [Double]) -> (lower: [Double], upper: [Double]) {
        (mean.map { max(0, $0 + lowerOffset * ConformalInterval.scale($0)) }, mean.map { max(0, $0 + upperOffset * ConformalInterval.scale($0)) })
    }

    private static func scale(_ forecast: Double) -> Double { (max(forecast, 0) + 1).squareRoot() }

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
