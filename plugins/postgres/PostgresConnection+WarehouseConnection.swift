import RetailWarehouse

extension PostgresConnection: WarehouseConnection {
    /// An arbitrary constant naming retail-edge's migration lock.
    static let migrationLock = 0x7265_7461_696C

    /// DDL is transactional here: a migration applies completely or not at all, and the
    /// advisory lock keeps two agents from migrating the same database at once.
    func whileHoldingMigrationLock<T>(dialect: PostgresDialect, _ migrate: () throws -> T) throws -> T {
        var result: T?
        try SQLTransaction.run(begin: dialect.beginTransaction, execute: execute) {
            try execute("SELECT pg_advisory_xact_lock(\(Self.migrationLock))")
            result = try migrate()
        }
        return result!
    }

    /// Staging tables are created outside any batch's transaction: a rolled-back batch must not
    /// take them along.
    func prepare(tables: [WarehouseTable], dialect: PostgresDialect) throws {
        for table in tables { try execute(dialect.createStaging(table)) }
    }

    /// Each write goes through its table's staging table: COPY in, then upsert.
    func load(_ writes: [WarehouseWrite], dialect: PostgresDialect) throws {
        var used: Set<String> = []
        for write in writes {
            let staging = dialect.quote(dialect.stagingName(write.table))
            // Staging rows go at commit; a second write to the same table must not see the first's.
            if !used.insert(write.table.name).inserted { try execute("TRUNCATE \(staging)") }
            try copy(dialect.copyIntoStaging(write.table), data: CopyEncoder.encode(write.batch))
            try execute(dialect.upsertFromStaging(write.table, onConflict: write.onConflict))
        }
    }
}
