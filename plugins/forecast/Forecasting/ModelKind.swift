/// The forecasting methods on offer, named as on the command line.
public enum ModelKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Piecewise-linear trend, weekly and yearly Fourier terms and holiday effects (Prophet-like).
    case additive
    /// Exponential smoothing with damped trend and weekly seasonality, chosen by AICc.
    case ets
    /// The value seven days earlier.
    case seasonalNaive = "seasonal_naive"
    /// Croston's method for intermittent demand.
    case croston
    /// Teunter–Syntetos–Babai method for intermittent demand.
    case tsb
    /// The mean of the last week; used for very short or constant series.
    case level
    /// One gradient-boosted tree model learned across all series (XGBoost).
    case pooled
    /// Per-series choice by demand class and rolling-origin backtest.
    case auto
}
