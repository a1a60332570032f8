/// Teunter–Syntetos–Babai method: smoothed demand probability (updated every day) times smoothed demand size.
public struct TSBModel: ForecastModel {
    /// Size and probability smoothing constants tried; the pair with the lowest one-step squared error is kept.
    public static let alphaGrid = [0.05, 0.1, 0.2, 0.3]
    public static let betaGrid = [0.02, 0.05, 0.1, 0.2]

    public let version: FormatVersion
    public let forecastStart: Int
    public let alpha: Double
    public let beta: Double
    let probability: Double
    let size: Double

    public static func fit(_ series: DailySeries) -> TSBModel {
        let demands = series.values.filter { $0 > 0 }
        let initialProbability = Double(demands.count) / Double(series.values.count)
        let initialSize = demands.isEmpty ? 0 : demands.reduce(0, +) / Double(demands.count)
        var best: (alpha: Double, beta: Double, probability: Double, size: Double, error: Double)?
        for alpha in alphaGrid {
            for beta in betaGrid {
                var probability = initialProbability, size = initialSize, error = 0.0
                for value in series.values {
                    let forecast = probability * size
                    error += (value - forecast) * (value - forecast)
                    if value > 0 {
                        probability += beta * (1 - probability)
                        size += alpha * (value - size)
                    } else {
                        probability -= beta * probability
                    }
                }
                if best == nil || error < best!.error { best = (alpha, beta, probability, size, error) }
            }
        }
        return TSBModel(version: .current, forecastStart: series.end + 1, alpha: best!.alpha, beta: best!.beta,
                        probability: best!.probability, size: best!.size)
    }

    public func predict(horizon: Int) -> [Double] {
        [Double](repeating: probability * size, count: max(0, horizon))
    }
}
