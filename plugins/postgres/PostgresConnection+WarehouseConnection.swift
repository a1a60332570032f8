import EdgeCore
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

    /// Each write goes through its table's staging table, created on first use in the batch's
    /// transaction (so a rolled-back batch takes a new one along, and its next batch creates it
    /// again) and emptied at commit: only the tables written are emptied at every commit. A write
    /// of one row is a prepared single-row upsert instead. COPY in
    /// (binary where the column types allow, else text), then the prepared upsert: without the
    /// sort that keeps the last row per key when no key occurs twice.
    func load(_ writes: [WarehouseWrite], dialect: PostgresDialect) throws {
        var used: Set<String> = []
        for write in writes {
            if let parameters = Self.parameters(ofOnlyRow: write.batch) {
                try executePrepared(dialect.upsertRowName(write.table, onConflict: write.onConflict),
                                    sql: dialect.upsertRow(write.table, onConflict: write.onConflict), parameters: parameters)
                continue
            }
            // Staging rows go at commit; a second write to the same table must not see the first's.
            // Sent with the COPY, in one round trip.
            var before = used.insert(write.table.name).inserted
                ? dialect.createStaging(write.table) + "; " : "TRUNCATE \(dialect.quote(dialect.stagingName(write.table)))" + "; "
            if copyFormats[write.table.name] == nil {
                // The first time, the staging table must exist before its column types are read.
                try execute(before)
                before = ""
            }
            // Keys are unique unless seen twice; the text path does not look.
            var keysRepeat = true
            if case .binary(let types) = try copyFormat(of: write.table, dialect: dialect),
               zip(types, write.batch.columns).allSatisfy({ $0.accepts($1.values.type) }) {
                var encoder = BinaryCopyEncoder(types: types)
                encoder.keyColumns = write.table.key.compactMap { key in write.table.columns.firstIndex { $0.name == key } }
                try copy(before + dialect.copyIntoStaging(write.table, binary: true)) { send in
                    keysRepeat = try encoder.encode(write.batch, send: send)
                }
            } else {
                try copy(before + dialect.copyIntoStaging(write.table, binary: false)) { send in try send(CopyEncoder.encode(write.batch)) }
            }
            try executePrepared(dialect.upsertName(write.table, onConflict: write.onConflict, keysUnique: !keysRepeat),
                                sql: dialect.upsertFromStaging(write.table, onConflict: write.onConflict, keysUnique: !keysRepeat))
        }
    }

    /// The values of a one-row batch as statement parameters (a source position, a dimension
    /// member): one round trip instead of a COPY; `nil` for other batches, and for a string with
    /// a NUL byte, which only the COPY path refuses with the server's error.
    private static func parameters(ofOnlyRow batch: RecordBatch) -> [[UInt8]?]? {
        guard batch.count == 1 else { return nil }
        var parameters: [[UInt8]?] = []
        for column in batch.columns {
            guard !column.isNull(0) else { parameters.append(nil); continue }
            var text: [UInt8] = []
            CopyEncoder.append(column.values, row: 0, escaped: false, to: &text)
            guard !text.contains(0) else { return nil }
            parameters.append(text)
        }
        return parameters
    }

    /// The COPY format of `table`, from its staging table's column types (looked up once).
    private func copyFormat(of table: WarehouseTable, dialect: PostgresDialect) throws -> PostgresCopyFormat {
        if let known = copyFormats[table.name] { return known }
        var oids: [String: Int] = [:]
        for row in try rows(dialect.stagingColumnTypes(table)) {
            guard row.count == 2, let column = row[0], let oid = row[1].flatMap({ Int($0) }) else { continue }
            oids[column] = oid
        }
        let types = table.columns.compactMap { column in
            oids[column.name].flatMap(PostgresBinaryType.init(oid:)).flatMap { $0.accepts(column.recordType) ? $0 : nil }
        }
        let format = types.count == table.columns.count ? PostgresCopyFormat.binary(types) : .text
        copyFormats[table.name] = format
        return format
    }
}
