/// One transaction on a SQL connection: `begin`, the body, `COMMIT`; `ROLLBACK` (best effort)
/// and rethrow when anything fails. The database sinks write each batch this way.
public enum SQLTransaction {
    public static func run(begin: String = "BEGIN", execute: (String) throws -> Void, _ body: () throws -> Void) throws {
        try execute(begin)
        do {
            try body()
            try execute("COMMIT")
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}
