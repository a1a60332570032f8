import EdgeCore

/// A failure of the warehouse layer itself (not of a database's client library).
public struct WarehouseError: Error, TransientClassifying, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable { case schemaTooNew = "schema_too_new", notOpen = "not_open", dateOutsideCalendar = "date_outside_calendar" }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// The database was migrated by a newer agent; no retry can fix it.
        public static let schemaTooNew = Code(.schemaTooNew)
        /// A batch arrived while the sink had no connection; reopening fixes it.
        public static let notOpen = Code(.notOpen)
        /// A row's date has no day in `dim_date`: the row is refused (dead-lettered) alone.
        public static let dateOutsideCalendar = Code(.dateOutsideCalendar)
        /// A stable code for logs and metrics.
        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The database has schema version `found`, newer than this agent's `known`.
    public static func schemaTooNew(found: Int, known: Int) -> WarehouseError {
        WarehouseError(code: .schemaTooNew, message: "the database has star schema version \(found), newer than this agent's \(known); upgrade retail-edge")
    }

    public var isTransient: Bool { code == .notOpen }

    /// The other rows of the batch can still be written.
    public var isRowRejection: Bool { code == .dateOutsideCalendar }

    public var description: String { message }
}
