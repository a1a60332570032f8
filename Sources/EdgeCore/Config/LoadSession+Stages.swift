import Foundation
import Yams

/// Loading one stage: its type, options (converted to their declared types) and inputs.
extension LoadSession {
    mutating func loadStage(kind: StageKind, idNode: Node, node: Node) -> StageConfig? {
        guard let id = idNode.scalar?.string, !id.isEmpty else {
            error(idNode, "stage ids must be plain names")
            return nil
        }
        guard id.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic && $0.isASCII || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }) else {
            error(idNode, "stage id '\(id)' may only use letters, digits, '_' and '-'", stage: id)
            return nil
        }
        guard let mapping = node.mapping else {
            error(node, "\(kind) '\(id)' must be a mapping with at least a 'type'", stage: id)
            return nil
        }
        guard let typeNode = mapping["type"], let type = typeNode.scalar?.string, !type.isEmpty else {
            error(idNode, "\(kind) '\(id)' has no 'type'", stage: id)
            return nil
        }
        let stageLocation = location(idNode)
        guard let registration = registry.registration(kind: kind, type: type) else {
            var message = "unknown \(kind) type '\(type)' for stage '\(id)'"
            let others = registry.registrations(named: type)
            if let other = others.first {
                message += " ('\(type)' is a \(other.kind): move it to '\(other.kind.section)')"
            } else if let suggestion = EditDistance.suggestion(for: type, among: registry.types(of: kind).map(\.type)) {
                message += " (did you mean '\(suggestion)'?)"
            } else {
                message += "; known \(kind) types: \(registry.types(of: kind).map(\.type).joined(separator: ", "))"
            }
            error(typeNode, message, stage: id)
            var broken = StageConfig(id: id, kind: kind, type: type, location: stageLocation)
            broken.isValid = false
            broken.inputs = inputReferences(mapping["inputs"])
            return broken
        }
        let errorsBefore = diagnostics.count
        var stage = StageConfig(id: id, kind: kind, type: type, location: stageLocation)
        let specs = registration.options + PluginRegistration.commonOptions(for: kind)
        for (keyNode, valueNode) in mapping {
            guard let name = keyNode.scalar?.string else {
                error(keyNode, "option names must be plain names", stage: id)
                continue
            }
            if name == "type" { continue }
            guard let spec = specs.first(where: { $0.name == name }) else {
                var message = "unknown option '\(name)' for \(type) \(kind) '\(id)'"
                if let suggestion = EditDistance.suggestion(for: name, among: specs.map(\.name)) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                error(keyNode, message, stage: id)
                continue
            }
            stage.optionLocations[name] = location(valueNode)
            guard let value = convert(valueNode, to: spec.type, option: name, secret: spec.secret, stage: id) else { continue }
            if let problem = spec.range?.problem(value) {
                error(valueNode, "option '\(name)' \(problem), not \(spec.secret ? "(secret)" : "'\(valueNode.scalar?.string ?? "")'")", stage: id)
                continue
            }
            if name == "inputs" {
                stage.inputs = zip(value.listItems, valueNode.sequence.map(Array.init) ?? [valueNode]).compactMap { item, node in
                    guard case .string(let ref) = item else { return nil }
                    return StageConfig.InputReference(id: ref, location: location(node))
                }
            } else {
                stage.options[name] = value
            }
        }
        for spec in specs where spec.required && stage.options[spec.name] == nil && !(spec.name == "inputs" && !stage.inputs.isEmpty) {
            error(idNode, "\(type) \(kind) '\(id)' needs option '\(spec.name)': \(spec.doc)", stage: id)
        }
        stage.isValid = diagnostics.count == errorsBefore
        return stage
    }

    /// The stage ids in an `inputs:` node, without type checks (for stages that failed to load).
    func inputReferences(_ node: Node?) -> [StageConfig.InputReference] {
        guard let node else { return [] }
        let items = node.sequence.map(Array.init) ?? [node]
        return items.compactMap { item in item.scalar.map { StageConfig.InputReference(id: $0.string, location: location(item)) } }
    }

    /// Checks a node against an option type, producing the typed value.
    mutating func convert(_ node: Node, to type: OptionType, option: String, secret: Bool, stage: String) -> OptionValue? {
        let shown = secret ? "(secret)" : "'\(node.scalar?.string ?? "")'"
        switch type {
        case .list(let element):
            // A single scalar is accepted where a list is expected: `inputs: a` means `[a]`.
            let items = node.sequence.map(Array.init) ?? (node.scalar != nil ? [node] : nil)
            guard let items else {
                error(node, "option '\(option)' must be a list of \(element)", stage: stage)
                return nil
            }
            var values: [OptionValue] = []
            for item in items {
                guard let value = convert(item, to: element, option: option, secret: secret, stage: stage) else { return nil }
                values.append(value)
            }
            return .list(values)
        case .map(let element):
            guard let mapping = node.mapping else {
                error(node, "option '\(option)' must be a mapping of names to \(element)", stage: stage)
                return nil
            }
            var entries: [OptionValue.MapEntry] = []
            var failed = false
            for (key, value) in mapping {
                guard let name = key.scalar?.string else {
                    error(key, "keys of '\(option)' must be plain names", stage: stage)
                    failed = true
                    continue
                }
                guard let converted = convert(value, to: element, option: "\(option).\(name)", secret: secret, stage: stage) else {
                    failed = true
                    continue
                }
                entries.append(.init(key: name, value: converted, location: location(value)))
            }
            return failed ? nil : .map(entries)
        default:
            guard let text = scalarString(node, what: option, stage: stage) else { return nil }
            switch type {
            case .string:
                return .string(text)
            case .int:
                guard let v = Int(text.trimmingCharacters(in: " ")) else {
                    error(node, "option '\(option)' must be a whole number, not \(shown)", stage: stage)
                    return nil
                }
                return .int(v)
            case .double:
                guard let v = Double(text.trimmingCharacters(in: " ")), v.isFinite else {
                    error(node, "option '\(option)' must be a number, not \(shown)", stage: stage)
                    return nil
                }
                return .double(v)
            case .bool:
                switch text.lowercased() {
                case "true", "yes", "on": return .bool(true)
                case "false", "no", "off": return .bool(false)
                default:
                    error(node, "option '\(option)' must be true or false, not \(shown)", stage: stage)
                    return nil
                }
            case .duration:
                guard let d = DurationParser.parse(text) else {
                    error(node, "option '\(option)' must be a duration like 500ms, 10s, 5m or 1h (at most ten years), not \(shown)", stage: stage)
                    return nil
                }
                return .duration(d)
            case .choice(let words):
                guard words.contains(text) else {
                    var message = "option '\(option)' must be one of \(words.joined(separator: ", ")), not \(shown)"
                    if let suggestion = EditDistance.suggestion(for: text, among: words) { message += " (did you mean '\(suggestion)'?)" }
                    error(node, message, stage: stage)
                    return nil
                }
                return .string(text)
            case .list, .map:
                return nil
            }
        }
    }
}
