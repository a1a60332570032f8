import CivilCalendar
import Forecasting
import Foundation

/// Deterministic test series.
enum SeriesFixtures {
    static let start = CivilDate(year: 2022, month: 1, day: 3)

    /// A weekly-seasonal series with a gentle trend and reproducible noise.
    static func weekly(days: Int, level: Double = 20, noise: Double = 2, seed: UInt64 = 7) -> DailySeries {
        var state = seed
        let profile = [0.8, 0.9, 1.0, 1.0, 1.1, 1.5, 1.3]
        let values = (0..<days).map { day -> Double in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let uniform = Double(state >> 11) / Double(1 << 53)
            return max(0, (level + 0.01 * Double(day)) * profile[day % 7] + noise * (uniform - 0.5) * 2)
        }
        return try! DailySeries(start: start, values: values)
    }

    /// Poisson counts with a weekly pattern, using a fixed-seed generator.
    static func poissonCounts(days: Int, mean: Double, seed: UInt64) -> [Double] {
        var state = seed
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let profile = [0.8, 0.9, 1.0, 1.0, 1.1, 1.5, 0.7]
        return (0..<days).map { day in
            let limit = exp(-mean * profile[day % 7])
            var product = uniform(), count = 0.0
            while product > limit {
                product *= uniform()
                count += 1
            }
            return count
        }
    }
}
