import EdgeCore
import Foundation
import Testing

@Suite("The JSON Schema is generated from the registry")
struct ConfigJSONSchemaTests {
    let document = ConfigJSONSchema.document(registry: testRegistry())

    @Test func theTopLevelKeysAreTheLoaders() throws {
        let properties = try #require(document["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(ConfigLoader.topLevelKeys))
        #expect(document["additionalProperties"] as? Bool == false)
    }

    @Test func everyTypeHasItsOptionsAndNoOthers() throws {
        let definitions = try #require(document["$defs"] as? [String: Any])
        let source = try #require(definitions["source"] as? [String: Any])
        let type = try #require((source["properties"] as? [String: Any])?["type"] as? [String: Any])
        #expect(type["enum"] as? [String] == ["counting"])
        let pass = try #require(definitions["transform-pass"] as? [String: Any])
        let options = try #require(pass["properties"] as? [String: Any])
        #expect(Set(options.keys) == ["type", "column", "inputs", "max_restarts", "restart_backoff", "dead_letter"])
        #expect(pass["additionalProperties"] as? Bool == false)
        #expect(pass["required"] as? [String] == ["type", "inputs"])
        let maxRestarts = try #require(options["max_restarts"] as? [String: Any])
        #expect(maxRestarts["default"] as? Int == 5)
        #expect((options["restart_backoff"] as? [String: Any])?["default"] as? String == "500ms")
    }

    @Test func theJSONIsValidAndNamesTheDraft() throws {
        let json = ConfigJSONSchema.json(registry: testRegistry())
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(parsed["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }
}
