/// Why an analytics request got no data: a bad parameter (400), a warehouse not there yet (503),
/// or a failed read (500). The message names the parameter or the table.
struct AnalyticsError: Error, Sendable, CustomStringConvertible {
    struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String { case badParameter = "bad parameter", notReady = "not ready", readFailed = "read failed" }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        static let badParameter = Code(.badParameter)
        static let notReady = Code(.notReady)
        static let readFailed = Code(.readFailed)
        var description: String { base.rawValue }
    }

    var code: Code
    var message: String

    /// The HTTP status it answers with.
    var status: Int {
        switch code {
        case .badParameter: 400
        case .notReady: 503
        default: 500
        }
    }

    var description: String { "\(code): \(message)" }
}
