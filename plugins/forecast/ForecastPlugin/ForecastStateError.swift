/// A checkpointed `forecast` state that cannot be read back.
struct ForecastStateError: Error, CustomStringConvertible {
    /// A stable code for logs.
    let code = "forecast_state_unreadable"
    let reason: String

    var description: String { "forecast state: \(reason)" }
}
