import CivilCalendar
import Foundation

/// Settings of the ``AdditiveModel``; the defaults suit daily retail demand.
public struct AdditiveConfiguration: Sendable, Hashable, Codable {
    /// Scale the model is fitted on; forecasts are transformed back.
    public enum Transform: String, Sendable, Hashable, Codable {
        case none
        /// `log(1 + y)`: multiplicative seasonality, forecasts near the median.
        case log1p
        /// `√y`: variance-stabilising for counts.
        case sqrt
    }

    /// What the point forecast estimates once transformed back.
    public enum PointForecast: String, Sendable, Hashable, Codable {
        /// The back-transformed fit: close to the median, which minimises absolute error (MAE, MASE).
        case median
        /// Corrected for the transform's bias with the residual variance: close to the mean (volume, RMSE).
        case mean
    }

    public var transform: Transform = .log1p
    public var pointForecast: PointForecast = .median
    /// Candidate trend changepoints, spread over the first ``changepointRange`` of history.
    public var changepointCount = 25
    public var changepointRange = 0.8
    /// Ridge penalty on changepoint slope changes (response standardised to unit variance).
    public var changepointPenalty = 30.0
    public var weeklyOrder = 3
    public var yearlyOrder = 10
    /// Yearly terms are used only with at least this many days of history.
    public var yearlyMinimumDays = 365
    public var seasonalityPenalty = 1.0
    /// Events whose days get their own effects; the forecast transform sets each store's calendar.
    public var holidays: [Holiday] = HolidayCalendar.unitedStates.holidays
    public var holidayPenalty = 1.0
    /// An event's effects are dropped unless jointly significant at this many standard deviations (0 keeps all).
    public var holidayThreshold = 2.0
    /// Only the most recent days are fitted, which bounds the cost per series.
    public var maximumHistoryDays = 1095

    public init() {}
}

extension AdditiveConfiguration.Transform {
    func forward(_ value: Double) -> Double {
        switch self {
        case .none: value
        case .log1p: Foundation.log1p(value)
        case .sqrt: value.squareRoot()
        }
    }

    /// Back-transforms a fitted value; a positive `variance` (of the residuals on this scale) gives the
    /// mean under normal errors instead of the median.
    func inverse(_ value: Double, variance: Double) -> Double {
        switch self {
        case .none: value
        case .log1p: Foundation.expm1(min(value + variance / 2, 700))
        case .sqrt: (value > 0 ? value * value : 0) + variance
        }
    }
}
