/// What to fit and how to calibrate intervals; shared by ``Forecaster``, ``Backtest`` and ``ForecastEngine``.
public struct ForecastConfiguration: Sendable, Hashable, Codable {
    /// The model, or ``ModelKind/auto`` to choose per series.
    public var model: ModelKind = .auto
    /// Nominal coverage of prediction intervals.
    public var level = 0.8
    /// Rolling origins, one horizon apart, used to choose models and calibrate intervals (at most; fewer on
    /// short series; one more a year back when the history allows).
    public var calibrationOrigins = 3
    /// In `auto`, allow the average of the primary model and the best alternative.
    public var ensemble = true
    /// In `auto`, the paired z-statistic by which an alternative's (or the ensemble's) daily backtest errors must
    /// beat the class's primary model to replace it.
    public var switchThreshold = 3.0
    public var additive = AdditiveConfiguration()
    /// The pooled model, and whether `auto` considers it (it needs the series together: ``ForecastEngine``).
    public var pooled = PooledConfiguration()
    public var pooledInAuto = true
    public var etsCandidates = ETSModel.Specification.all
    public var etsMaximumHistoryDays = 365

    public init(model: ModelKind = .auto, level: Double = 0.8) {
        self.model = model
        self.level = level
    }

    func validate() throws(ForecastError) {
        guard level > 0, level < 1 else { throw ForecastError(.invalidArgument, "level must be in (0, 1), got \(level)") }
        guard calibrationOrigins >= 1 else { throw ForecastError(.invalidArgument, "calibrationOrigins must be at least 1") }
    }

    /// Candidate models for `auto`, by demand class; the first is the primary.
    static func candidates(for demandClass: DemandClass) -> [ModelKind] {
        switch demandClass {
        case .allZero, .constant, .short: [.level]
        case .smooth, .erratic: [.additive, .ets, .seasonalNaive]
        case .intermittent, .lumpy: [.additive, .tsb, .croston]
        }
    }
}
