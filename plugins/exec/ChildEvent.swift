import EdgeCore

/// What the reader of a child's standard output delivers, line by line.
enum ChildEvent: Sendable {
    /// One line that parsed as JSON.
    case message(JSONValue)
    /// One line that did not: not JSON, or too long (the line was skipped).
    case invalid(ExecPluginError)
    /// The child closed its output (it exited, or was killed).
    case closed
}
