import EdgeCore

extension WarehouseTable {
    /// The table each input of a database sink lands in: a named record kind's own table, or
    /// for free columns the table named by the sink's `table` option (keyed by `key`).
    /// Identifiers are checked so that no SQL can come in through names.
    public static func forInputs(of context: StageBuildContext) throws -> [WarehouseTable] {
        var tables: [WarehouseTable] = []
        for input in context.inputs {
            if let kind = input.schema.kind, let table = WarehouseTable.forKind(kind) {
                tables.append(table)
                continue
            }
            guard let name = context.options.string("table") else {
                throw StageBuildError(option: "inputs", "input '\(input.id)' has free columns \(input.schema); set 'table' to say where they go")
            }
            guard isValidIdentifier(name) else {
                throw StageBuildError(option: "table", "'\(name)' is not a valid table name (letters, digits and '_', not starting with a digit)")
            }
            if StarSchema.current.table(named: name) != nil || name == StarSchema.versionTable {
                throw StageBuildError(option: "table", "'\(name)' is a star-schema table; name another table for free columns")
            }
            for field in input.schema.fields where !isValidIdentifier(field.name) {
                throw StageBuildError(option: "inputs", "column '\(field.name)' of input '\(input.id)' is not a valid SQL column name")
            }
            let key = context.options.strings("key") ?? []
            for column in key where input.schema.index(of: column) == nil {
                throw StageBuildError(option: "key", "key column '\(column)' is not in input '\(input.id)' \(input.schema)")
            }
            tables.append(WarehouseTable(name: name, fields: input.schema.fields, key: key))
        }
        return tables
    }
}
