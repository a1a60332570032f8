import EdgeCore
import RetailWarehouse

/// PostgreSQL's spelling of the warehouse DDL (standard quoting and types, tables in a schema),
/// and of loading through a staging table.
public struct PostgresDialect: SQLDialect {
    /// The schema (namespace) holding the tables.
    public var schema: String

    public init(schema: String = "public") {
        self.schema = schema
    }

    public var name: String { "postgres" }

    public func qualified(_ table: String) -> String { quote(schema) + "." + quote(table) }

    public var preamble: [String] { ["CREATE SCHEMA IF NOT EXISTS \(quote(schema))"] }

    /// The per-connection staging table rows are copied into before the upsert.
    func stagingName(_ table: WarehouseTable) -> String { "staging_" + table.name }

    func createStaging(_ table: WarehouseTable) -> String {
        "CREATE TEMP TABLE IF NOT EXISTS \(quote(stagingName(table))) (LIKE \(qualified(table.name))) ON COMMIT DELETE ROWS"
    }

    /// The columns of the staging table of `table` and their types: column, type OID.
    func stagingColumnTypes(_ table: WarehouseTable) -> String {
        "SELECT a.attname, a.atttypid::int FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            + "WHERE c.relnamespace = pg_my_temp_schema() AND c.relname = \(literal(stagingName(table))) AND a.attnum > 0 AND NOT a.attisdropped"
    }

    func copyIntoStaging(_ table: WarehouseTable, binary: Bool) -> String {
        "COPY \(quote(stagingName(table))) (\(table.columns.map { quote($0.name) }.joined(separator: ", "))) FROM STDIN\(binary ? " (FORMAT binary)" : "")"
    }

    /// The name the upsert of `table` is prepared under, one per conflict rule.
    func upsertName(_ table: WarehouseTable, onConflict: WarehouseWrite.Conflict, keysUnique: Bool = false) -> String {
        "upsert_\(table.name)_\(onConflict)\(keysUnique ? "_unique" : "")"
    }

    /// The single-row upsert of `table`: its values are the parameters `$1`…`$n`.
    func upsertRow(_ table: WarehouseTable, onConflict: WarehouseWrite.Conflict) -> String {
        let names = table.columns.map { quote($0.name) }.joined(separator: ", ")
        let values = table.columns.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
        let insert = "INSERT INTO \(qualified(table.name)) AS target (\(names)) VALUES (\(values))"
        guard !table.key.isEmpty else { return insert }
        let updates = conflictAssignments(table, onConflict: onConflict, existing: { "target.\($0)" }, proposed: { "EXCLUDED.\($0)" })
        return insert + " ON CONFLICT (\(table.key.map(quote).joined(separator: ", "))) DO " + (updates.isEmpty ? "NOTHING" : "UPDATE SET " + updates.joined(separator: ", "))
    }

    /// The name the single-row upsert of `table` is prepared under, one per conflict rule.
    func upsertRowName(_ table: WarehouseTable, onConflict: WarehouseWrite.Conflict) -> String {
        "upsert_row_\(table.name)_\(onConflict)"
    }

    /// Moves the staged rows into the table: the last row per key wins; existing rows are
    /// updated (replaced, or added to with `.add`), or kept when `onConflict` is `.ignore`. With
    /// `keysUnique` (no key staged twice) the rows go as they are, without sorting them.
    func upsertFromStaging(_ table: WarehouseTable, onConflict: WarehouseWrite.Conflict, keysUnique: Bool = false) -> String {
        let names = table.columns.map { quote($0.name) }.joined(separator: ", ")
        let staging = quote(stagingName(table))
        guard !table.key.isEmpty else {
            return "INSERT INTO \(qualified(table.name)) (\(names)) SELECT \(names) FROM \(staging)"
        }
        let key = table.key.map(quote).joined(separator: ", ")
        let updates = conflictAssignments(table, onConflict: onConflict, existing: { "target.\($0)" }, proposed: { "EXCLUDED.\($0)" })
        let action = updates.isEmpty ? "NOTHING" : "UPDATE SET " + updates.joined(separator: ", ")
        let rows = keysUnique ? "SELECT \(names) FROM \(staging) " : "SELECT DISTINCT ON (\(key)) \(names) FROM \(staging) ORDER BY \(key), ctid DESC "
        return "INSERT INTO \(qualified(table.name)) AS target (\(names)) " + rows
            + "ON CONFLICT (\(key)) DO \(action)"
    }
}
