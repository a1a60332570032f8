import EdgeCore

/// A failed call to the MLflow tracking server.
public struct MLflowError: TransientClassifying, CustomStringConvertible {
    /// The HTTP status, or `nil` when the server could not be reached.
    public var status: Int?
    /// MLflow's `error_code` (`RESOURCE_DOES_NOT_EXIST`, …) when it sent one.
    public var code: String?
    public var message: String

    /// Unreachable, timed out, overloaded (429) or failing (5xx): try again later.
    public var isTransient: Bool {
        guard let status else { return true }
        return status == 429 || status >= 500
    }

    public var description: String {
        var text = "MLflow: \(message)"
        if let status { text += " (HTTP \(status)\(code.map { ", \($0)" } ?? ""))" }
        return text
    }
}
