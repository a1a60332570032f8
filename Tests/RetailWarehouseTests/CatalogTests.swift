import EdgeCore
import EdgeCoreTesting
import Foundation
import RetailCatalog
import RetailWarehouse
import Testing

@Suite struct CatalogTests {
    @Test func errorsNameFileLineAndColumn() {
        #expect {
            try Catalog.parse("""
                products:
                  - { id: P1, name: Milk }
                  - { name: Bread }
                  - { id: P1, name: Butter }
                stors: []
                """, file: "cat.yaml")
        } throws: { error in
            let messages = (error as? ConfigError)?.diagnostics.map(\.description) ?? []
            return messages.contains("cat.yaml:3:5: error: an entry of 'products' has no id")
                && messages.contains("cat.yaml:4:5: error: id 'P1' appears twice in 'products'")
                && messages.contains { $0.hasPrefix("cat.yaml:5:1: error: unknown section 'stors'") && $0.contains("did you mean 'stores'") }
        }
    }

    @Test func aliasesAndAttributesAreKept() throws {
        let catalog = try Catalog.parse("""
            organizations:
              - id: ACME
                name: Acme Foods
                aliases: [Acme, "@acme"]
                country: US
            """, file: "c.yaml")
        #expect(catalog.organizations == [CatalogEntry(id: "ACME", name: "Acme Foods", aliases: ["Acme", "@acme"], attributes: ["country": "US"])])
    }

    @Test func theAmbiguousFlagIsReadAndChecked() throws {
        let catalog = try Catalog.parse("""
            stores:
              - { id: T, name: Target, ambiguous: false }
              - { id: K, name: Kroger, ambiguous: yes }
              - { id: W, name: Walmart }
            """, file: "c.yaml")
        #expect(catalog.stores.map(\.ambiguous) == [false, true, nil])
        #expect {
            try Catalog.parse("stores:\n  - { id: T, name: Target, ambiguous: maybe }\n", file: "c.yaml")
        } throws: { error in
            (error as? ConfigError)?.diagnostics.map(\.description) == ["c.yaml:2:39: error: ambiguous must be true or false"]
        }
    }

    @Test func theShippedCatalogueParses() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../config/catalog.yaml").path
        let catalog = try Catalog.load(path: path)
        #expect(catalog.products.count == 20)
        #expect(catalog.stores.map(\.id) == ["S01", "S02", "S03", "S04", "S05"])
    }

    @Test func aMissingFileSaysWhy() throws {
        #expect(throws: ConfigError.self) { try Catalog.load(path: "/nonexistent/catalog.yaml") }
        do {
            _ = try Catalog.load(path: "/nonexistent/catalog.yaml")
        } catch {
            #expect(error.diagnostics.first?.message == "cannot read the catalogue file: No such file or directory")
        }
    }
}
