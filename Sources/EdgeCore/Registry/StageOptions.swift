/// A stage's options, already checked against the plugin's specs, with defaults filled in.
public struct StageOptions: Sendable {
    public let values: [String: OptionValue]

    public init(_ values: [String: OptionValue]) {
        self.values = values
    }

    public subscript(name: String) -> OptionValue? { values[name] }

    public func string(_ name: String) -> String? {
        if case .string(let v)? = values[name] { return v }
        return nil
    }

    public func int(_ name: String) -> Int? {
        if case .int(let v)? = values[name] { return v }
        return nil
    }

    public func double(_ name: String) -> Double? {
        switch values[name] {
        case .double(let v)?: v
        case .int(let v)?: Double(v)
        default: nil
        }
    }

    public func bool(_ name: String) -> Bool? {
        if case .bool(let v)? = values[name] { return v }
        return nil
    }

    public func duration(_ name: String) -> Duration? {
        if case .duration(let v)? = values[name] { return v }
        return nil
    }

    public func strings(_ name: String) -> [String]? {
        guard case .list(let items)? = values[name] else { return nil }
        return items.compactMap { if case .string(let s) = $0 { s } else { nil } }
    }

    /// A map option's entries as strings, in file order.
    public func stringMap(_ name: String) -> [(key: String, value: String)]? {
        guard case .map(let entries)? = values[name] else { return nil }
        return entries.compactMap { entry in
            if case .string(let s) = entry.value { (entry.key, s) } else { nil }
        }
    }

    /// A map option's numeric entries, in file order.
    public func doubleMap(_ name: String) -> [(key: String, value: Double)]? {
        guard case .map(let entries)? = values[name] else { return nil }
        return entries.compactMap { entry in
            switch entry.value {
            case .double(let v): (entry.key, v)
            case .int(let v): (entry.key, Double(v))
            default: nil
            }
        }
    }
}
