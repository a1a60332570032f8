import RetailWarehouse

extension MySQLConnection: WarehouseConnection {
    /// A named server lock keeps two agents from migrating the same database at once.
    func whileHoldingMigrationLock<T>(dialect: MySQLDialect, _ migrate: () throws -> T) throws -> T {
        _ = try scalar("SELECT GET_LOCK('retail_edge_migration', 60)")
        defer { _ = try? scalar("SELECT RELEASE_LOCK('retail_edge_migration')") }
        return try migrate()
    }

    /// Writes of at least this many rows go through `LOAD DATA LOCAL INFILE` (when the server
    /// takes it); smaller ones as multi-row statements, which need fewer round trips.
    static let loadDataRows = 1_000

    /// Large writes: `LOAD DATA LOCAL INFILE`, straight into the table where its REPLACE or
    /// IGNORE does what the write asks, else into a fresh staging table, then `INSERT … SELECT …
    /// ON DUPLICATE KEY UPDATE`. Small ones, and all when the server refuses LOCAL INFILE:
    /// multi-row `INSERT … ON DUPLICATE KEY UPDATE` statements, each below the statement limit.
    func load(_ writes: [WarehouseWrite], dialect: MySQLDialect) throws {
        for write in writes {
            if loadsLocalData, write.batch.count >= Self.loadDataRows {
                if let direct = dialect.loadDirectly(write.table, onConflict: write.onConflict) {
                    try loadData(direct, rows: write.batch)
                    continue
                }
                for statement in dialect.recreateStaging(write.table) { try execute(statement) }
                try loadData(dialect.loadIntoStaging(write.table), rows: write.batch)
                try execute(dialect.upsertFromStaging(write.table, onConflict: write.onConflict))
                continue
            }
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

    var openedMetadata: [String: String] {
        ["max_statement_bytes": "\(statementLimit)", "load_data_local": "\(loadsLocalData)"]
    }

    var openingWarnings: [String] {
        loadsLocalData ? [] : ["the server refuses LOAD DATA LOCAL INFILE (local_infile is off): batches are loaded as multi-row INSERT statements, which is slower"]
    }
}
