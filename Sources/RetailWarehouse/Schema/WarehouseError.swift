import EdgeCore

/// Failures of the warehouse layer that no retry can fix.
public enum WarehouseError: Error, TransientClassifying, CustomStringConvertible, Equatable {
    /// The database was migrated by a newer agent.
    case schemaTooNew(found: Int, known: Int)

    public var isTransient: Bool { false }

    /// A stable code for logs and metrics.
    public var code: String {
        switch self {
        case .schemaTooNew: "schema_too_new"
        }
    }

    public var description: String {
        switch self {
        case .schemaTooNew(let found, let known):
            "the database has star schema version \(found), newer than this agent's \(known); upgrade retail-edge"
        }
    }
}
