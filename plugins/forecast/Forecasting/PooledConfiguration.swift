import Foundation

/// Settings of the pooled model (``PooledModel``): one set of gradient-boosted trees over all series.
public struct PooledConfiguration: Sendable, Hashable, Codable {
    /// Boosting rounds.
    public var rounds = 120
    public var maximumDepth = 7
    public var learningRate = 0.1
    /// Histogram bins per feature (`hist` tree method).
    public var maximumBins = 64
    /// Target days learned from per series, the most recent ones (two years: last year's season is in it).
    public var trainingDays = 730
    /// Every this-many target days are learned from (the step ahead varies with the day).
    public var trainingStride = 2
    /// XGBoost threads; 0 for every core.
    public var threads = 0

    public init() {}

    /// The threads XGBoost is given.
    var threadCount: Int { threads > 0 ? threads : ProcessInfo.processInfo.activeProcessorCount }
}
