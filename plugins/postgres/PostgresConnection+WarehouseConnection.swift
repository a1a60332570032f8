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
    /// take them along. Their column types decide, per table, between binary and text COPY.
    func prepare(tables: [WarehouseTable], dialect: PostgresDialect) throws {
        for table in tables { try execute(dialect.createStaging(table)) }
        var staged: [String: [String: Int]] = [:]
        for row in try rows(dialect.stagingColumnTypes) {
            guard row.count == 3, let table = row[0], let column = row[1], let oid = row[2].flatMap({ Int($0) }) else { continue }
            staged[table, default: [:]][column] = oid
        }
        binaryCopyTypes = [:]
        for table in tables {
            let oids = staged[dialect.stagingName(table)] ?? [:]
            let types = table.columns.compactMap { column in
                oids[column.name].flatMap(PostgresBinaryType.init(oid:)).flatMap { $0.accepts(column.recordType) ? $0 : nil }
            }
            if types.count == table.columns.count { binaryCopyTypes[table.name] = types }
        }
    }

    /// Each write goes through its table's staging table: COPY in (binary where the column types
    /// allow, else text), then the prepared upsert.
    func load(_ writes: [WarehouseWrite], dialect: PostgresDialect) throws {
        var used: Set<String> = []
        for write in writes {
            let staging = dialect.quote(dialect.stagingName(write.table))
            // Staging rows go at commit; a second write to the same table must not see the first's.
            if !used.insert(write.table.name).inserted { try execute("TRUNCATE \(staging)") }
            if let types = binaryCopyTypes[write.table.name],
               zip(types, write.batch.columns).allSatisfy({ $0.accepts($1.values.type) }) {
                try copy(dialect.copyIntoStaging(write.table, binary: true)) { send in
                    try BinaryCopyEncoder(types: types).encode(write.batch, send: send)
                }
            } else {
                try copy(dialect.copyIntoStaging(write.table, binary: false)) { send in try send(CopyEncoder.encode(write.batch)) }
            }
            try executePrepared(dialect.upsertName(write.table, onConflict: write.onConflict),
                                sql: dialect.upsertFromStaging(write.table, onConflict: write.onConflict))
        }
    }
}
