/// The kind of catalogue entry an entity links to.
public enum EntityType: String, Sendable, Hashable, Codable, CaseIterable {
    case product = "PRODUCT"
    case store = "STORE"
    case organization = "ORG"
}
