/// Croston's method: separately smoothed demand size and inter-demand interval, forecasting size ÷ interval.
public struct CrostonModel: ForecastModel {
    /// Smoothing constants tried; the one with the lowest one-step squared error is kept.
    public static let alphaGrid = [0.05, 0.1, 0.2, 0.3]

    public let version: FormatVersion
    public let forecastStart: Int
    public let alpha: Double
    /// Smoothed demand size and interval at the end of history.
    let size: Double
    let interval: Double

    public static func fit(_ series: DailySeries) -> CrostonModel {
        var best: (alpha: Double, size: Double, interval: Double, error: Double)?
        for alpha in alphaGrid {
            let run = smooth(series.values, alpha: alpha)
            if best == nil || run.error < best!.error { best = (alpha, run.size, run.interval, run.error) }
        }
        return CrostonModel(version: .current, forecastStart: series.end + 1, alpha: best!.alpha, size: best!.size, interval: best!.interval)
    }

    public func predict(horizon: Int) -> [Double] {
        [Double](repeating: interval > 0 ? size / interval : 0, count: max(0, horizon))
    }

    private static func smooth(_ values: [Double], alpha: Double) -> (size: Double, interval: Double, error: Double) {
        guard let first = values.firstIndex(where: { $0 > 0 }) else { return (0, 0, 0) }
        var size = values[first], interval = Double(first + 1), sinceDemand = 1.0, error = 0.0
        for value in values[(first + 1)...] {
            let forecast = size / interval
            error += (value - forecast) * (value - forecast)
            if value > 0 {
                size += alpha * (value - size)
                interval += alpha * (sinceDemand - interval)
                sinceDemand = 1
            } else {
                sinceDemand += 1
            }
        }
        return (size, interval, error)
    }
}
