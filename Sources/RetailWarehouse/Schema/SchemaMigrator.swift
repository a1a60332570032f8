import EdgeCore

/// Creates the star schema in an empty database and brings an older one up to date. Changes
/// are additive (new tables, new nullable columns, new indexes, recreated views), recorded in
/// ``StarSchema/versionTable``; a database from a newer agent is refused, not rewritten.
public enum SchemaMigrator {
    /// The statements that take a database at `stored` (nil: no schema yet) to `schema`.
    public static func statements(from stored: Int?, to schema: StarSchema, dialect: some SQLDialect) throws -> [String] {
        if let stored, stored > schema.version { throw WarehouseError.schemaTooNew(found: stored, known: schema.version) }
        if stored == schema.version { return [] }
        let from = stored ?? 0
        // Last view first: a view may read the views before it.
        var statements = schema.views.reversed().map(dialect.dropView)
        for table in schema.tables {
            if table.since > from {
                statements.append(dialect.createTable(table, in: schema))
                statements += table.indexes.map { dialect.createIndex($0, on: table) }
                continue
            }
            for column in table.columns where column.since > from {
                statements.append(dialect.addColumn(column, to: table))
            }
            for index in table.indexes where index.since > from {
                statements.append(dialect.createIndex(index, on: table))
            }
        }
        statements += schema.views.map(dialect.createView)
        statements.append(dialect.recordVersion(schema.version))
        return statements
    }

    /// The whole DDL of `schema` for an empty database, as `retail-edge schema` prints it.
    public static func script(for schema: StarSchema = .current, dialect: some SQLDialect) -> [String] {
        dialect.preamble + [dialect.createVersionTable()] + ((try? statements(from: nil, to: schema, dialect: dialect)) ?? [])
    }

    /// Migrates the database behind `connection`; returns the version found (nil: none).
    @discardableResult
    public static func migrate(_ connection: some SQLExecuting, dialect: some SQLDialect, schema: StarSchema = .current) throws -> Int? {
        for statement in dialect.preamble { try connection.execute(statement) }
        try connection.execute(dialect.createVersionTable())
        let stored = try connection.scalar(dialect.selectVersion()).flatMap { Int($0) }
        for statement in try statements(from: stored, to: schema, dialect: dialect) {
            try connection.execute(statement)
        }
        return stored
    }
}
