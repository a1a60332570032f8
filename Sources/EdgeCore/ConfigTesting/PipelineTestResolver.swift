/// Checks a configuration's tests against the graph (the stages they name exist and emit what
/// they inject or expect; every value fits its column's type) and types their rows.
public struct PipelineTestResolver {
    /// Every output a stage of the graph emits, `stage` or `stage.port`, with its schema.
    let schemas: [String: Schema]
    let stages: [String: StageConfig]
    public private(set) var diagnostics: [Diagnostic] = []

    public init(schemas: [String: Schema], stages: [StageConfig]) {
        self.schemas = schemas
        self.stages = Dictionary(stages.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The diagnostics of every test (for `run` and `validate`, which do not run them).
    public static func check(_ tests: [PipelineTest], schemas: [String: Schema], stages: [StageConfig]) -> [Diagnostic] {
        var resolver = PipelineTestResolver(schemas: schemas, stages: stages)
        for test in tests { _ = resolver.resolve(test) }
        return resolver.diagnostics
    }

    /// The typed test, or `nil` when it has errors (added to ``diagnostics``) or names a stage
    /// that failed to build (whose own error is the root cause).
    public mutating func resolve(_ test: PipelineTest) -> ResolvedPipelineTest? {
        let before = diagnostics.count
        var resolved = ResolvedPipelineTest(test: test, injections: [], expectations: [])
        var skipped = false
        for input in test.inputs {
            guard let schema = schema(of: input.output, at: input.location, test: test, skipped: &skipped) else { continue }
            var builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: input.rows.count) }
            for row in input.rows {
                guard let typed = typedRow(row, schema: schema, stage: input.output, test: test) else { continue }
                let given = Dictionary(typed.cells.map { ($0.column, $0.value) }, uniquingKeysWith: { a, _ in a })
                for (index, field) in schema.fields.enumerated() {
                    if let value = given[index] {
                        builders[index].append(value)
                    } else if field.nullable {
                        builders[index].appendNull()
                    } else {
                        error(row.location, test, "a row for '\(input.output)' needs column '\(field.name)' (\(field.type))")
                    }
                }
            }
            let batch = RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() })
            resolved.injections.append(.init(output: input.output, stage: stageId(input.output), batch: batch))
        }
        for output in test.outputs {
            guard let schema = schema(of: output.output, at: output.location, test: test, skipped: &skipped) else { continue }
            let rows = output.rows.map { $0.compactMap { typedRow($0, schema: schema, stage: output.output, test: test) } }
            var conditions: [ResolvedPipelineTest.TypedCondition] = []
            for condition in output.conditions {
                guard let (column, value) = typedCell(condition.operand, schema: schema, stage: output.output, test: test) else { continue }
                if value == .null, condition.comparison != .equal, condition.comparison != .notEqual {
                    error(condition.location, test, "only == and != compare with null")
                    continue
                }
                conditions.append(.init(written: condition, column: column, operand: value))
            }
            resolved.expectations.append(.init(written: output, schema: schema, rows: rows, conditions: conditions))
        }
        return diagnostics.count == before && !skipped ? resolved : nil
    }

    private func stageId(_ output: String) -> String {
        output.split(separator: ".", maxSplits: 1).first.map(String.init) ?? output
    }

    /// The schema of `output`, or `nil` with an error (or, for a stage that failed to build,
    /// with `skipped` set).
    private mutating func schema(of output: String, at location: SourceLocation, test: PipelineTest, skipped: inout Bool) -> Schema? {
        if let schema = schemas[output] { return schema }
        let id = stageId(output)
        guard let stage = stages[id] else {
            var message = "unknown stage '\(id)'"
            let producers = stages.values.filter { $0.kind == .source || $0.kind == .transform }.map(\.id).sorted()
            if let suggestion = EditDistance.suggestion(for: id, among: producers) { message += " (did you mean '\(suggestion)'?)" }
            error(location, test, message)
            return nil
        }
        guard stage.kind == .source || stage.kind == .transform else {
            let read = stage.inputs.map(\.id).joined(separator: ", ")
            error(location, test, "'\(id)' is a \(stage.kind) and emits no rows; name a source or transform\(read.isEmpty ? "" : " (it reads \(read))")")
            return nil
        }
        guard schemas[id] != nil else {
            skipped = true
            return nil
        }
        let ports = schemas.keys.filter { $0.hasPrefix(id + ".") }.map { String($0.dropFirst(id.count + 1)) }.sorted()
        error(location, test, "'\(id)' has no output '\(output.dropFirst(id.count + 1))'" + (ports.isEmpty ? " (it has only its main output)" : " (it has: \(ports.joined(separator: ", ")))"))
        return nil
    }

    private mutating func typedRow(_ row: TestRow, schema: Schema, stage: String, test: PipelineTest) -> ResolvedPipelineTest.TypedRow? {
        var cells: [(column: Int, value: Value)] = []
        var valid = true
        for cell in row.cells {
            if let typed = typedCell(cell, schema: schema, stage: stage, test: test) { cells.append(typed) } else { valid = false }
        }
        return valid ? .init(cells: cells) : nil
    }

    private mutating func typedCell(_ cell: TestRow.Cell, schema: Schema, stage: String, test: PipelineTest) -> (Int, Value)? {
        guard let index = schema.index(of: cell.column) else {
            var message = "'\(stage)' has no column '\(cell.column)'"
            if let suggestion = EditDistance.suggestion(for: cell.column, among: schema.fields.map(\.name)) { message += " (did you mean '\(suggestion)'?)" }
            error(cell.location, test, message + "; it emits \(schema.fields.map(\.description).joined(separator: ", "))")
            return nil
        }
        let field = schema.fields[index]
        guard let text = cell.text else { return (index, .null) }
        guard let value = ColumnSpec(name: field.name, type: field.type, nullable: field.nullable, format: nil).value(text: text) else {
            error(cell.location, test, "'\(text)' is not a valid \(field.type) for column '\(field.name)' of '\(stage)'")
            return nil
        }
        return (index, value)
    }

    private mutating func error(_ location: SourceLocation, _ test: PipelineTest, _ message: String) {
        diagnostics.append(Diagnostic(.error, at: location, "test '\(test.name)': \(message)"))
    }
}
