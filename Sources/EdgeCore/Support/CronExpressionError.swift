/// A cron expression that cannot be parsed.
public struct CronExpressionError: Error, CustomStringConvertible, Equatable {
    /// A stable code for logs.
    public let code = "cron_expression_invalid"
    public let message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
