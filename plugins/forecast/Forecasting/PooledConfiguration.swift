import Foundation

/// Settings of the pooled model (``PooledModel``): one set of gradient-boosted trees over all series.
public struct PooledConfiguration: Sendable, Hashable, Codable {
    /// Boosting rounds.
    public var rounds = 80
    public var maximumDepth = 6
    public var learningRate = 0.1
    /// Histogram bins per feature (`hist` tree method).
    public var maximumBins = 64
    /// Target days learned from per series, the most recent ones (over a year: last year's season is in it).
    public var trainingDays = 400
    /// Every this-many target days are learned from (the step ahead varies with the day).
    public var trainingStride = 3
    /// XGBoost threads; 0 for every core.
    public var threads = 0
    /// XGBoost's learning objective (on the ``target`` scale).
    public var objective = "reg:squarederror"
    /// The scale the trees learn the (scaled) demand on: `sqrt` or `log1p` bring the forecast from the
    /// mean towards the median, which absolute errors (MASE) reward.
    public var target = AdditiveConfiguration.Transform.sqrt

    public init() {}

    /// The threads XGBoost is given.
    var threadCount: Int { threads > 0 ? threads : ProcessInfo.processInfo.activeProcessorCount }
}
