import RetailWarehouse

extension MySQLConnection: WarehouseConnection {
    /// A named server lock keeps two agents from migrating the same database at once.
    func whileHoldingMigrationLock<T>(dialect: MySQLDialect, _ migrate: () throws -> T) throws -> T {
        _ = try scalar("SELECT GET_LOCK('retail_edge_migration', 60)")
        defer { _ = try? scalar("SELECT RELEASE_LOCK('retail_edge_migration')") }
        return try migrate()
    }

    /// Multi-row `INSERT … ON DUPLICATE KEY UPDATE` statements, each below the statement limit.
    func load(_ writes: [WarehouseWrite], dialect: MySQLDialect) throws {
        for write in writes {
            let prefix = Array(dialect.insertPrefix(write.table).utf8)
            let suffix = Array(dialect.upsertSuffix(write.table, onConflict: write.onConflict).utf8)
            var sql = prefix
            var rows = 0
            var tuple: [UInt8] = []
            for row in 0..<write.batch.count {
                tuple.removeAll(keepingCapacity: true)
                tuple.append(UInt8(ascii: "("))
                MySQLValues.append(write.batch, row: row, connection: self, to: &tuple)
                tuple.append(UInt8(ascii: ")"))
                if rows > 0, sql.count + tuple.count + suffix.count + 1 > statementLimit {
                    try execute(bytes: sql + suffix)
                    sql = prefix
                    rows = 0
                }
                if rows > 0 { sql.append(UInt8(ascii: ",")) }
                sql.append(contentsOf: tuple)
                rows += 1
            }
            if rows > 0 { try execute(bytes: sql + suffix) }
        }
    }

    var openedMetadata: [String: String] { ["max_statement_bytes": "\(statementLimit)"] }
}
