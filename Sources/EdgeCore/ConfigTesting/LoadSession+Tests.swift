import Yams

/// Reads the `tests:` section. Only its shape is checked here; stage names and row values are
/// checked against the built graph by ``PipelineTestResolver``.
extension LoadSession {
    static let testKeys = ["name", "inputs", "outputs"]
    static let injectionKeys = ["stage", "rows"]
    static let expectationKeys = ["stage", "rows", "match", "count", "where"]

    mutating func loadTests(_ node: Node) -> [PipelineTest] {
        guard let items = node.sequence.map(Array.init) else {
            if node.scalar?.string.isEmpty == true { return [] }
            error(node, "'tests' must be a list of tests, each with a name, inputs and outputs")
            return []
        }
        var tests: [PipelineTest] = []
        var names: [String: SourceLocation] = [:]
        for item in items {
            guard let test = loadTest(item) else { continue }
            if let previous = names[test.name] {
                error(item, "test name '\(test.name)' is already used at \(previous)")
                continue
            }
            names[test.name] = test.location
            tests.append(test)
        }
        return tests
    }

    private mutating func loadTest(_ node: Node) -> PipelineTest? {
        guard let mapping = node.mapping else {
            error(node, "a test must be a mapping with name, inputs and outputs")
            return nil
        }
        guard checkKeys(mapping, among: Self.testKeys, context: "in a test") else { return nil }
        guard let nameNode = mapping["name"], let name = nameNode.scalar?.string, !name.isEmpty else {
            error(node, "a test needs a 'name'")
            return nil
        }
        var test = PipelineTest(name: name, location: location(nameNode), inputs: [], outputs: [])
        let errorsBefore = diagnostics.count
        for item in list(mapping["inputs"], what: "inputs", of: node, test: name) {
            guard let entry = item.mapping, checkKeys(entry, among: Self.injectionKeys, context: "in an input of test '\(name)'"),
                  let stage = stageName(entry, item) else { continue }
            guard let rowsNode = entry["rows"] else {
                error(item, "an input of test '\(name)' needs 'rows'")
                continue
            }
            test.inputs.append(.init(output: stage, location: location(entry["stage"]), rows: rows(rowsNode)))
        }
        for item in list(mapping["outputs"], what: "outputs", of: node, test: name) {
            guard let entry = item.mapping, checkKeys(entry, among: Self.expectationKeys, context: "in an output of test '\(name)'"),
                  let stage = stageName(entry, item) else { continue }
            var expectation = PipelineTest.Expectation(output: stage, location: location(entry["stage"]), rows: entry["rows"].map { rows($0) }, match: .exact, count: nil, conditions: [])
            if let matchNode = entry["match"] {
                let word = matchNode.scalar?.string ?? ""
                if let match = PipelineTest.Expectation.Match(rawValue: word) { expectation.match = match } else {
                    error(matchNode, "'match' must be one of \(PipelineTest.Expectation.Match.allCases.map(\.rawValue).joined(separator: ", ")), not '\(word)'")
                }
            }
            if let countNode = entry["count"] {
                if let count = countNode.scalar.flatMap({ Int($0.string) }), count >= 0 { expectation.count = count } else {
                    error(countNode, "'count' must be a whole number of rows")
                }
            }
            if let whereNode = entry["where"] { expectation.conditions = conditions(whereNode) }
            if expectation.rows == nil, expectation.count == nil, expectation.conditions.isEmpty {
                error(item, "an output of test '\(name)' needs 'rows', 'count' or 'where'")
            }
            test.outputs.append(expectation)
        }
        return diagnostics.count == errorsBefore ? test : nil
    }

    /// The items of a list under `key`, with an error when it is missing or empty.
    private mutating func list(_ node: Node?, what key: String, of test: Node, test name: String) -> [Node] {
        guard let node, let items = node.sequence.map(Array.init), !items.isEmpty else {
            error(node ?? test, "test '\(name)' needs '\(key)': a list of { stage: ID, ... }")
            return []
        }
        for item in items where item.mapping == nil { error(item, "each of '\(key)' must be a mapping like { stage: ID, rows: [...] }") }
        return items
    }

    private mutating func stageName(_ entry: Node.Mapping, _ item: Node) -> String? {
        guard let stage = entry["stage"]?.scalar?.string, !stage.isEmpty else {
            error(item, "each input and output of a test needs a 'stage'")
            return nil
        }
        return stage
    }

    private mutating func checkKeys(_ mapping: Node.Mapping, among keys: [String], context: String) -> Bool {
        var valid = true
        for (keyNode, _) in mapping {
            let key = keyNode.scalar?.string ?? ""
            if !keys.contains(key) {
                unknownKey(keyNode, key, among: keys, context: context)
                valid = false
            }
        }
        return valid
    }

    private mutating func rows(_ node: Node) -> [TestRow] {
        guard let items = node.sequence.map(Array.init) else {
            error(node, "'rows' must be a list of rows like { column: value }")
            return []
        }
        return items.compactMap { item in
            guard let mapping = item.mapping else {
                error(item, "a row must be a mapping like { column: value }")
                return nil
            }
            var cells: [TestRow.Cell] = []
            for (keyNode, valueNode) in mapping {
                guard let column = keyNode.scalar?.string, let cell = cell(column: column, valueNode, key: keyNode) else { continue }
                cells.append(cell)
            }
            return TestRow(cells: cells, location: location(item))
        }
    }

    private mutating func cell(column: String, _ node: Node, key: Node) -> TestRow.Cell? {
        guard let scalar = node.scalar else {
            error(node, "the value of column '\(column)' must be a single value")
            return nil
        }
        let isNull = scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        return TestRow.Cell(column: column, text: isNull ? nil : scalar.string, location: location(isNull ? key : node))
    }

    private mutating func conditions(_ node: Node) -> [RowCondition] {
        let items = node.sequence.map(Array.init) ?? [node]
        var conditions: [RowCondition] = []
        for item in items {
            guard let mapping = item.mapping, let column = mapping["column"]?.scalar?.string else {
                error(item, "a 'where' condition must be a mapping like { column: NAME, \">=\": VALUE }")
                continue
            }
            let operators = RowCondition.Comparison.allCases.map(\.rawValue)
            var found = false
            for (keyNode, valueNode) in mapping {
                let key = keyNode.scalar?.string ?? ""
                if key == "column" { continue }
                guard let comparison = RowCondition.Comparison(rawValue: key) else {
                    unknownKey(keyNode, key, among: ["column"] + operators, context: "in a 'where' condition")
                    continue
                }
                guard let operand = cell(column: column, valueNode, key: keyNode) else { continue }
                conditions.append(RowCondition(column: column, comparison: comparison, operand: operand, location: location(keyNode)))
                found = true
            }
            if !found, mapping.count == 1 { error(item, "the condition on '\(column)' needs a comparison: one of \(operators.joined(separator: ", "))") }
        }
        return conditions
    }
}
