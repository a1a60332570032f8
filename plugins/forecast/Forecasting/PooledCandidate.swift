/// What the pooled model offers one series: its forecast after the history, its forecast of the last
/// `horizon` days from a fit that did not see them (nil when the series is too short for it), and the
/// interval calibrated on every series' such errors.
public struct PooledCandidate: Sendable {
    public let forecast: PooledForecast
    public let holdout: [Double]?
    public let interval: PooledInterval
}
