import Foundation

/// The JSON Schema (draft 2020-12) of a configuration file, generated from the registry: every
/// stage type with its options (types, defaults, choices, documentation), the top-level keys and
/// `tests:`. Editors use it through the YAML language server; it accepts what the loader accepts
/// and refuses unknown types and options.
public enum ConfigJSONSchema {
    /// The schema as pretty-printed JSON with sorted keys.
    public static func json(registry: PluginRegistry) -> String {
        let data = try! JSONSerialization.data(withJSONObject: document(registry: registry), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// The schema as JSON-compatible Foundation values.
    public static func document(registry: PluginRegistry) -> [String: Any] {
        var definitions: [String: Any] = [
            "interpolated": ["type": "string", "pattern": #"\$\{"#, "description": "A value taken from ${VAR}, ${VAR:-default}, ${VAR:?message} or ${credential:NAME}."],
            "duration": ["anyOf": [
                ["type": "number", "minimum": 0],
                ["type": "string", "pattern": #"^ *[0-9]+(\.[0-9]+)?(ms|s|m|h|d)? *$"#],
                ["$ref": "#/$defs/interpolated"],
            ], "description": "250ms, 10s, 5m, 1h, 1d or plain seconds."],
            "test": testSchema,
        ]
        for kind in StageKind.allCases {
            let registrations = registry.types(of: kind)
            definitions[kind.rawValue] = [
                "type": "object",
                "required": ["type"],
                "properties": ["type": ["enum": registrations.map(\.type), "description": "The \(kind) type: one of `retail-edge plugins`."]],
                "allOf": registrations.map { registration in
                    ["if": ["properties": ["type": ["const": registration.type]], "required": ["type"]],
                     "then": ["$ref": "#/$defs/" + definitionName(registration)]]
                },
            ] as [String: Any]
            for registration in registrations {
                definitions[definitionName(registration)] = stageSchema(registration)
            }
        }
        var properties: [String: Any] = [
            "data_dir": ["type": "string", "description": "Checkpoints, dead letters, disk buffers and the default database; default $STATE_DIRECTORY or .retail-edge."],
            "timezone": ["type": "string", "description": "The site's IANA time zone (America/New_York): business days are local; default the system's."],
            "api": ["type": "object", "additionalProperties": false, "description": "The status API (/metrics /health /ready /tap); off if absent.",
                    "properties": [
                        "listen": ["type": "string", "description": "HOST:PORT, e.g. 127.0.0.1:9464; a non-loopback address is warned about."],
                        "token": ["type": "string", "description": "Bearer token /tap and /api/dead-letters require (at least 16 characters; use ${credential:api_token}); without it they are off on a non-loopback address."],
                    ]],
            "checkpoint_interval": described(["$ref": "#/$defs/duration"], "How often sources emit checkpoint barriers.", default: "10s"),
            "shutdown_timeout": described(["$ref": "#/$defs/duration"], "A graceful stop that takes longer exits 70, naming the stage.", default: "30s"),
            "channel_capacity": described(["anyOf": [["type": "integer", "minimum": 1], ["$ref": "#/$defs/interpolated"]]], "Batches in flight per edge before the producer waits.", default: 4),
            "plugins_path": ["anyOf": [["type": "string"], ["type": "array", "items": ["type": "string"]]],
                             "description": "Exec plugin directories, searched before the system ones."],
            "tests": ["type": ["array", "null"], "items": ["$ref": "#/$defs/test"], "description": "Pipeline tests, run by `retail-edge test`."],
        ]
        for kind in StageKind.allCases {
            properties[kind.section] = [
                "type": ["object", "null"],
                "description": "The \(kind) stages, by id (letters, digits, _ and -).",
                "propertyNames": ["pattern": "^[A-Za-z0-9_-]+$"],
                "additionalProperties": ["$ref": "#/$defs/\(kind.rawValue)"],
            ] as [String: Any]
        }
        return [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "retail-edge pipeline configuration",
            "type": "object",
            "additionalProperties": false,
            "properties": properties,
            "$defs": definitions,
        ]
    }

    /// `$defs` key of a stage type's options, e.g. `source-csv`.
    static func definitionName(_ registration: PluginRegistration) -> String {
        "\(registration.kind.rawValue)-\(registration.type)".replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    static func stageSchema(_ registration: PluginRegistration) -> [String: Any] {
        let options = registration.options + PluginRegistration.commonOptions(for: registration.kind)
        var properties: [String: Any] = ["type": ["const": registration.type]]
        for option in options {
            properties[option.name] = described(schema(of: option.type, range: option.range), option.doc, default: option.secret ? nil : option.defaultValue.map(json))
        }
        return [
            "type": "object",
            "description": registration.summary,
            "properties": properties,
            "required": ["type"] + options.filter(\.required).map(\.name),
            "additionalProperties": false,
        ]
    }

    static func described(_ schema: [String: Any], _ description: String, default value: Any?) -> [String: Any] {
        var schema = schema
        schema["description"] = description
        if let value { schema["default"] = value }
        return schema
    }

    /// `minimum` and `maximum` of a number option's declared range.
    static func bounds(_ range: OptionRange?) -> [String: Any] {
        guard let range else { return [:] }
        return ["minimum": range.lower, "maximum": range.upper]
    }

    /// What a value of `type` may be written as; every scalar may also come from `${…}`.
    static func schema(of type: OptionType, range: OptionRange? = nil) -> [String: Any] {
        let interpolated: [String: Any] = ["$ref": "#/$defs/interpolated"]
        switch type {
        case .string: return ["type": ["string", "number", "boolean"]]
        case .int: return ["anyOf": [["type": "integer"].merging(bounds(range)) { a, _ in a }, interpolated]]
        case .double: return ["anyOf": [["type": "number"].merging(bounds(range)) { a, _ in a }, interpolated]]
        case .bool: return ["anyOf": [["type": "boolean"], ["enum": ["true", "false", "yes", "no", "on", "off"]], interpolated]]
        case .duration: return ["$ref": "#/$defs/duration"]
        case .choice(let words): return ["anyOf": [["enum": words], interpolated]]
        case .list(let element):
            let items = schema(of: element)
            if case .list = element { return ["type": "array", "items": items] }
            if case .map = element { return ["type": "array", "items": items] }
            // A single value is accepted where a list is expected: `inputs: a` means `[a]`.
            return ["anyOf": [["type": "array", "items": items], items]]
        case .map(let element): return ["type": "object", "additionalProperties": schema(of: element)]
        }
    }

    /// An option value as JSON (durations as written, e.g. `500ms`).
    static func json(_ value: OptionValue) -> Any {
        switch value {
        case .string(let v): v
        case .int(let v): v
        case .double(let v): v
        case .bool(let v): v
        case .duration: EffectiveConfig.yamlScalar(value)
        case .list(let items): items.map(json)
        case .map(let entries): Dictionary(entries.map { ($0.key, json($0.value)) }, uniquingKeysWith: { a, _ in a })
        }
    }

    static var testSchema: [String: Any] {
        let scalar: [String: Any] = ["type": ["string", "number", "boolean", "null"]]
        let rows: [String: Any] = ["type": "array", "items": ["type": "object", "additionalProperties": scalar], "description": "Rows as { column: value }."]
        var condition: [String: Any] = ["column": ["type": "string"]]
        for comparison in RowCondition.Comparison.allCases { condition[comparison.rawValue] = scalar }
        let conditionSchema: [String: Any] = ["type": "object", "required": ["column"], "minProperties": 2, "additionalProperties": false, "properties": condition]
        return [
            "type": "object",
            "required": ["name", "inputs", "outputs"],
            "additionalProperties": false,
            "properties": [
                "name": ["type": "string"],
                "inputs": ["type": "array", "minItems": 1, "items": [
                    "type": "object", "required": ["stage", "rows"], "additionalProperties": false,
                    "properties": ["stage": ["type": "string", "description": "The stage (or stage.port) whose output the rows stand in for."], "rows": rows],
                ]],
                "outputs": ["type": "array", "minItems": 1, "items": [
                    "type": "object", "required": ["stage"], "additionalProperties": false,
                    "anyOf": [["required": ["rows"]], ["required": ["count"]], ["required": ["where"]]],
                    "properties": [
                        "stage": ["type": "string", "description": "The stage (or stage.port) whose output is checked."],
                        "rows": rows,
                        "match": ["enum": PipelineTest.Expectation.Match.allCases.map(\.rawValue), "default": "exact"],
                        "count": ["type": "integer", "minimum": 0],
                        "where": ["anyOf": [["type": "array", "items": conditionSchema], conditionSchema]],
                    ],
                ]],
            ],
        ]
    }
}
