import EdgeCore

/// How one database spells the warehouse's DDL. The defaults are standard SQL (double-quoted
/// identifiers, standard type names); each database's dialect overrides only what differs.
public protocol SQLDialect: Sendable {
    /// `postgres`, `mysql` or `sqlite`.
    var name: String { get }
    func quote(_ identifier: String) -> String
    /// The table's name as statements refer to it (schema-qualified where the dialect has schemas).
    func qualified(_ table: String) -> String
    func typeName(_ type: SQLColumnType) -> String
    /// Text after a `CREATE TABLE`'s closing parenthesis.
    func tableSuffix(_ table: WarehouseTable) -> String
    /// Statements run before any table is created (e.g. `CREATE SCHEMA`).
    var preamble: [String] { get }
    /// The statement that opens a batch's transaction.
    var beginTransaction: String { get }
    /// What follows a `SELECT` that locks the rows it reads until the transaction ends.
    var lockingRead: String { get }
    /// `text` as a string literal.
    func literal(_ text: String) -> String
}

extension SQLDialect {
    public func qualified(_ table: String) -> String { quote(table) }
    public func tableSuffix(_ table: WarehouseTable) -> String { "" }
    public var preamble: [String] { [] }
    public var beginTransaction: String { "BEGIN" }
    public var lockingRead: String { " FOR UPDATE" }

    public func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The `SET` assignments of an upsert that meets an existing row: each non-key column
    /// replaced by the proposed value, or (`.add`) the proposed value added to the existing
    /// one; empty for `.ignore`. `existing` and `proposed` spell a column of either row.
    public func conflictAssignments(_ table: WarehouseTable, onConflict: WarehouseWrite.Conflict,
                                    existing: (String) -> String, proposed: (String) -> String) -> [String] {
        let columns = table.columns.filter { !table.key.contains($0.name) }.map { quote($0.name) }
        switch onConflict {
        case .ignore: return []
        case .update: return columns.map { "\($0) = \(proposed($0))" }
        case .add: return columns.map { "\($0) = \(existing($0)) + \(proposed($0))" }
        }
    }

    public func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public func typeName(_ type: SQLColumnType) -> String { standardTypeName(type) }

    /// The standard SQL name of `type`, for dialects that override only some.
    public func standardTypeName(_ type: SQLColumnType) -> String {
        switch type {
        case .integer: "INTEGER"
        case .bigint: "BIGINT"
        case .double: "DOUBLE PRECISION"
        case .decimal(let precision, let scale): "NUMERIC(\(precision),\(scale))"
        case .varchar(let length): "VARCHAR(\(length))"
        case .text: "TEXT"
        case .boolean: "BOOLEAN"
        case .date: "DATE"
        case .timestamp: "TIMESTAMP"
        }
    }

    /// `CREATE TABLE IF NOT EXISTS` with NOT NULLs, the primary key and foreign keys to the
    /// dimensions' keys.
    public func createTable(_ table: WarehouseTable, in schema: StarSchema = .current) -> String {
        var lines = table.columns.map { "  \(quote($0.name)) \(typeName($0.sqlType))\($0.nullable ? "" : " NOT NULL")" }
        if !table.key.isEmpty { lines.append("  PRIMARY KEY (\(table.key.map(quote).joined(separator: ", ")))") }
        for column in table.columns {
            guard let dimension = column.references, let key = schema.table(named: dimension)?.key.first else { continue }
            lines.append("  FOREIGN KEY (\(quote(column.name))) REFERENCES \(qualified(dimension)) (\(quote(key)))")
        }
        return "CREATE TABLE IF NOT EXISTS \(qualified(table.name)) (\n\(lines.joined(separator: ",\n"))\n)\(tableSuffix(table))"
    }

    /// Adds a column a newer schema version introduced (always nullable, so old rows stay valid).
    public func addColumn(_ column: WarehouseColumn, to table: WarehouseTable) -> String {
        "ALTER TABLE \(qualified(table.name)) ADD COLUMN \(quote(column.name)) \(typeName(column.sqlType))"
    }

    /// Creates a secondary index (in the table's schema, where the dialect has schemas).
    public func createIndex(_ index: WarehouseIndex, on table: WarehouseTable) -> String {
        "CREATE INDEX IF NOT EXISTS \(quote(index.name)) ON \(qualified(table.name)) (\(index.columns.map(quote).joined(separator: ", ")))"
    }

    public func dropView(_ view: WarehouseView) -> String {
        "DROP VIEW IF EXISTS \(qualified(view.name))"
    }

    public func createView(_ view: WarehouseView) -> String {
        "CREATE VIEW \(qualified(view.name)) AS\n" + view.query(qualifying: qualified)
    }

    public func createVersionTable() -> String {
        "CREATE TABLE IF NOT EXISTS \(qualified(StarSchema.versionTable)) (\n"
            + "  \(quote("version")) \(typeName(.integer)) NOT NULL,\n"
            + "  \(quote("applied_at")) \(typeName(.timestamp)) NOT NULL,\n"
            + "  PRIMARY KEY (\(quote("version")))\n)\(tableSuffix(WarehouseTable(name: StarSchema.versionTable, columns: [], key: ["version"])))"
    }

    public func recordVersion(_ version: Int) -> String {
        "INSERT INTO \(qualified(StarSchema.versionTable)) (\(quote("version")), \(quote("applied_at"))) VALUES (\(version), CURRENT_TIMESTAMP)"
    }

    public func selectVersion() -> String {
        "SELECT MAX(\(quote("version"))) FROM \(qualified(StarSchema.versionTable))"
    }
}
