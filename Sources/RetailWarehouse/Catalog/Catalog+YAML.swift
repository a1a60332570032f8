import EdgeCore
import Foundation
import RetailCatalog
import Yams

/// Reading a catalogue from YAML:
///
/// ```yaml
/// products:
///   - { id: P001, name: Whole Milk 1L, aliases: [milk], category: Dairy, unit_price: 1.29 }
/// stores:
///   - { id: S01, name: Downtown, city: Springfield, timezone: America/Chicago }
/// organizations:
///   - { id: ACME, name: Acme Foods }
///   - { id: TGT, name: Target, ambiguous: false }   # link "target" without evidence
/// ```
extension Catalog {
    static let sections = ["products", "stores", "organizations"]

    /// Reads a catalogue file; every problem is reported with its file, line and column.
    public static func load(path: String) throws(ConfigError) -> Catalog {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(code: .unreadable, diagnostics: [Diagnostic(at: SourceLocation(file: path, line: 1, column: 1), FileAccess.explain("cannot read the catalogue file", path: path))])
        }
        return try parse(text, file: path)
    }

    /// Parses catalogue YAML; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> Catalog {
        var diagnostics: [Diagnostic] = []
        func error(_ node: Node?, _ message: String) {
            diagnostics.append(CheckedYAML.diagnostic(node, file: file, message))
        }
        let root = try CheckedYAML.compose(text, file: file)
        var catalog = Catalog()
        guard let mapping = root?.mapping else {
            error(root, "the catalogue must be a mapping with products, stores and organizations")
            throw ConfigError(code: .invalid, diagnostics: diagnostics)
        }
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            guard sections.contains(key) else {
                var message = "unknown section '\(key)'; expected products, stores or organizations"
                if let suggestion = EditDistance.suggestion(for: key, among: sections) { message += " (did you mean '\(suggestion)'?)" }
                error(keyNode, message)
                continue
            }
            guard let items = value.sequence else {
                error(value, "'\(key)' must be a list of entries with id and name")
                continue
            }
            var seen: Set<String> = []
            var entries: [CatalogEntry] = []
            for item in items {
                guard let fields = item.mapping else {
                    error(item, "each entry of '\(key)' must be a mapping with id and name")
                    continue
                }
                var entry = CatalogEntry(id: "", name: "")
                for (fieldNode, fieldValue) in fields {
                    let field = fieldNode.scalar?.string ?? ""
                    switch field {
                    case "aliases":
                        guard let list = fieldValue.sequence else {
                            error(fieldValue, "aliases must be a list of names")
                            continue
                        }
                        entry.aliases = list.compactMap { $0.scalar?.string }
                    default:
                        guard let scalar = fieldValue.scalar?.string else {
                            error(fieldValue, "'\(field)' must be a plain value")
                            continue
                        }
                        switch field {
                        case "id": entry.id = scalar
                        case "name": entry.name = scalar
                        case "ambiguous":
                            guard let flag = fieldValue.scalar.flatMap(Bool.construct(from:)) else {
                                error(fieldValue, "ambiguous must be true or false")
                                continue
                            }
                            entry.ambiguous = flag
                        case "timezone" where key == "stores":
                            if TimeZoneNames.zone(scalar) == nil { error(fieldValue, TimeZoneNames.problem(scalar)) }
                            entry.attributes[field] = scalar
                        default: entry.attributes[field] = scalar
                        }
                    }
                }
                if entry.id.isEmpty { error(item, "an entry of '\(key)' has no id") }
                if entry.name.isEmpty { entry.name = entry.id }
                if !entry.id.isEmpty, !seen.insert(entry.id).inserted { error(item, "id '\(entry.id)' appears twice in '\(key)'") }
                entries.append(entry)
            }
            switch key {
            case "products": catalog.products = entries
            case "stores":
                catalog.stores = entries
                for entry in entries {
                    if let name = entry.attributes["timezone"], let zone = TimeZoneNames.zone(name) { catalog.storeTimeZones[entry.id] = zone }
                }
            default: catalog.organizations = entries
            }
        }
        guard diagnostics.isEmpty else { throw ConfigError(code: .invalid, diagnostics: diagnostics) }
        return catalog
    }
}
