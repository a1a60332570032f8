import CXGBoost

/// A failed XGBoost C API call: the function and XGBoost's own message (`XGBGetLastError`).
public struct XGBoostError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code for logs and dead letters.
    public let code = "xgboost_failed"
    /// The C function that failed.
    public let call: String
    public let message: String

    /// Throws when `status` (an XGBoost C API return value) is not 0.
    static func check(_ status: Int32, _ call: String) throws(XGBoostError) {
        guard status != 0 else { return }
        let message = (try? XGBoostLibrary.loaded())?.getLastError().map { String(cString: $0) } ?? "no message"
        throw XGBoostError(call: call, message: message)
    }

    public var description: String { "\(code): \(call): \(message)" }
}
