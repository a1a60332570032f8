/// A failure to build, fit or restore a forecast, with a stable code for callers to switch on.
public struct ForecastError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, independent of the message wording.
    public enum Code: String, Sendable, Hashable, Codable {
        /// The series holds no observations.
        case emptySeries = "empty_series"
        /// A value is below zero; demand series must be counts or amounts.
        case negativeValue = "negative_value"
        /// A value is NaN or infinite.
        case nonFiniteValue = "non_finite_value"
        /// Days are missing and the caller did not allow filling them with zero.
        case missingDays = "missing_days"
        /// The model needs more history than the series has.
        case insufficientHistory = "insufficient_history"
        /// An argument is outside its valid range (horizon, level, ...).
        case invalidArgument = "invalid_argument"
        /// A model library failed (XGBoost for the pooled model); the message has its reason.
        case modelFailed = "model_failed"
        /// A saved model was written by an unknown format version.
        case unsupportedVersion = "unsupported_version"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
