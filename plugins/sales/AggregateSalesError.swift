/// Why `aggregate_sales` cannot go on: an input without the columns it was built for, or a
/// checkpointed state it must not continue from.
struct AggregateSalesError: Error, CustomStringConvertible {
    struct Code: Hashable, Sendable {
        private enum Value { case columnType, stateVersion, timeZoneChanged, noSourceRange }
        private let value: Value
        /// An input column is not of the type the stage was built for.
        static let columnType = Code(value: .columnType)
        /// The checkpointed state has a version this build cannot read.
        static let stateVersion = Code(value: .stateVersion)
        /// A store's days were counted in another time zone than the configuration now says.
        static let timeZoneChanged = Code(value: .timeZoneChanged)
        /// `emit: changes` met a batch that does not say which source positions it covers.
        static let noSourceRange = Code(value: .noSourceRange)
    }

    let code: Code
    let message: String

    var description: String { message }

    static func columnType(_ expected: String) -> AggregateSalesError {
        AggregateSalesError(code: .columnType, message: "input column is not a \(expected)")
    }

    static let stateVersion = AggregateSalesError(code: .stateVersion, message: "checkpointed state has an unknown version")

    static func timeZoneChanged(store: String, counted: String, configured: String, checkpoints: String) -> AggregateSalesError {
        AggregateSalesError(code: .timeZoneChanged, message: """
            store '\(store)' was counted in business days of \(counted), the configuration now says \(configured): \
            days already counted would split. Set the zone back, or delete \(checkpoints) to recount in the new zone
            """)
    }

    static func noSourceRange(origin: String) -> AggregateSalesError {
        AggregateSalesError(code: .noSourceRange, message: """
            emit: changes needs records that carry their source positions (a kafka source); \
            \(origin) has none: use emit: totals for this input
            """)
    }
}
