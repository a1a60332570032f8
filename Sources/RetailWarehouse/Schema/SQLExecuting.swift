/// A database connection the schema migrator can drive: statements without results, and
/// single-value queries.
public protocol SQLExecuting {
    func execute(_ sql: String) throws
    /// The first column of the first row, as text; `nil` for no row or NULL.
    func scalar(_ sql: String) throws -> String?
}
