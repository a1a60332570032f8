/// The demand pattern of a series, after Syntetos–Boylan (ADI and CV² of non-zero demand sizes).
public enum DemandClass: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every value is zero.
    case allZero = "all_zero"
    /// Every value is the same non-zero number.
    case constant
    /// Fewer than ``minimumDays`` days.
    case short
    /// Regular demand with moderate size variation.
    case smooth
    /// Regular demand with highly variable sizes (CV² ≥ 0.49).
    case erratic
    /// Sporadic demand (ADI ≥ 1.32) with moderate size variation.
    case intermittent
    /// Sporadic demand with highly variable sizes.
    case lumpy

    /// Series shorter than this are ``short``.
    public static let minimumDays = 28
    public static let intervalThreshold = 1.32
    public static let variationThreshold = 0.49

    /// Classifies `values` (days in order).
    public static func classify(_ values: [Double]) -> DemandClass {
        guard let first = values.first, values.contains(where: { $0 != 0 }) else { return .allZero }
        if values.allSatisfy({ $0 == first }) { return .constant }
        if values.count < minimumDays { return .short }
        let demands = values.filter { $0 > 0 }
        let averageInterval = Double(values.count) / Double(demands.count)
        let mean = demands.reduce(0, +) / Double(demands.count)
        let variance = demands.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(demands.count)
        let squaredVariation = variance / (mean * mean)
        switch (averageInterval >= intervalThreshold, squaredVariation >= variationThreshold) {
        case (false, false): return .smooth
        case (false, true): return .erratic
        case (true, false): return .intermittent
        case (true, true): return .lumpy
        }
    }

    /// True for the sporadic classes.
    public var isIntermittent: Bool { self == .intermittent || self == .lumpy }
}
