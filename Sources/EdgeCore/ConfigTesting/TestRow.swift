/// A row written in a test: column names with their values as written, typed later by the
/// schema of the stage they belong to.
public struct TestRow: Sendable {
    /// One `column: value` of a row.
    public struct Cell: Sendable {
        public var column: String
        /// The scalar's text; `nil` for a YAML null (`null`, `~` or nothing).
        public var text: String?
        /// Where the value (or, for a null, the key) is written.
        public var location: SourceLocation
    }

    public var cells: [Cell]
    public var location: SourceLocation
}
