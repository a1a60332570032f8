import EdgeCore
import RetailWarehouse

/// MySQL/MariaDB's spelling of the warehouse DDL and of multi-row upserts.
public struct MySQLDialect: SQLDialect {
    public init() {}

    public var name: String { "mysql" }

    public func quote(_ identifier: String) -> String {
        "`" + identifier.replacingOccurrences(of: "`", with: "``") + "`"
    }

    public var beginTransaction: String { "START TRANSACTION" }

    /// Backslashes escape in MySQL's string literals (unless `NO_BACKSLASH_ESCAPES`).
    public func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }

    public func typeName(_ type: SQLColumnType) -> String {
        switch type {
        case .integer: "INT"
        case .double: "DOUBLE"
        case .decimal(let precision, let scale): "DECIMAL(\(precision),\(scale))"
        case .timestamp: "DATETIME(6)"
        default: standardTypeName(type)
        }
    }

    public func tableSuffix(_ table: WarehouseTable) -> String {
        " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"
    }

    /// MySQL 8 has no `CREATE INDEX IF NOT EXISTS` (MariaDB has); a migration runs it once.
    public func createIndex(_ index: WarehouseIndex, on table: WarehouseTable) -> String {
        "CREATE INDEX \(quote(index.name)) ON \(qualified(table.name)) (\(index.columns.map(quote).joined(separator: ", ")))"
    }

    /// The per-connection temporary table a large write is loaded into before the upsert.
    func stagingName(_ table: WarehouseTable) -> String { "staging_" + table.name }

    /// A fresh, empty staging table (dropping and creating a temporary table commits nothing).
    func recreateStaging(_ table: WarehouseTable) -> [String] {
        ["DROP TEMPORARY TABLE IF EXISTS \(quote(stagingName(table)))",
         "CREATE TEMPORARY TABLE \(quote(stagingName(table))) LIKE \(quote(table.name))"]
    }

    /// `LOAD DATA LOCAL INFILE` of the rows into the staging table; with `REPLACE`, the last row
    /// per key wins there.
    func loadIntoStaging(_ table: WarehouseTable) -> String {
        "LOAD DATA LOCAL INFILE 'batch' REPLACE INTO TABLE \(quote(stagingName(table))) CHARACTER SET utf8mb4 "
            + "(\(table.columns.map { quote($0.name) }.joined(separator: ", ")))"
    }

    /// `LOAD DATA LOCAL INFILE` of the rows straight into the table, when a duplicate-key rule of
    /// LOAD DATA does what `onConflict` asks: `REPLACE` (the last row per key wins) for `.update`
    /// of a table no other table references (the statement's delete and insert then change
    /// nothing a foreign key sees; every other column is written anyway), `IGNORE` for `.ignore`.
    /// `nil` otherwise (`.add`, a referenced dimension): those go through a staging table.
    func loadDirectly(_ table: WarehouseTable, onConflict: WarehouseWrite.Conflict, schema: StarSchema = .current) -> String? {
        let referenced = schema.tables.contains { $0.columns.contains { $0.references == table.name } }
        let rule: String
        switch onConflict {
        case .update where !referenced: rule = "REPLACE"
        case .ignore: rule = "IGNORE"
        default: return nil
        }
        return "LOAD DATA LOCAL INFILE 'batch' \(rule) INTO TABLE \(quote(table.name)) CHARACTER SET utf8mb4 "
            + "(\(table.columns.map { quote($0.name) }.joined(separator: ", ")))"
    }

    /// Moves the staged rows into the table, as ``upsertSuffix(_:onConflict:)`` says.
    func upsertFromStaging(_ table: WarehouseTable, onConflict: WarehouseWrite.Conflict) -> String {
        let names = table.columns.map { quote($0.name) }.joined(separator: ", ")
        return "INSERT INTO \(quote(table.name)) (\(names)) SELECT \(names) FROM \(quote(stagingName(table)))"
            + upsertSuffix(table, onConflict: onConflict)
    }

    /// `INSERT INTO t (cols) VALUES ` — rows follow.
    func insertPrefix(_ table: WarehouseTable) -> String {
        "INSERT INTO \(quote(table.name)) (\(table.columns.map { quote($0.name) }.joined(separator: ", "))) VALUES "
    }

    /// The `ON DUPLICATE KEY UPDATE` tail of an upsert (empty for tables without a key); with
    /// `.ignore` existing rows stay as they are (unlike `INSERT IGNORE`, other errors still fail).
    /// The existing row's columns are qualified with the table, as `INSERT … SELECT` from a
    /// staging table of the same columns would find them ambiguous.
    func upsertSuffix(_ table: WarehouseTable, onConflict: WarehouseWrite.Conflict) -> String {
        guard !table.key.isEmpty else { return "" }
        let first = quote(table.name) + "." + quote(table.key[0])
        let updates = conflictAssignments(table, onConflict: onConflict, existing: { "\(quote(table.name)).\($0)" }, proposed: { "VALUES(\($0))" })
        return " ON DUPLICATE KEY UPDATE " + (updates.isEmpty ? "\(first) = \(first)" : updates.joined(separator: ", "))
    }
}
