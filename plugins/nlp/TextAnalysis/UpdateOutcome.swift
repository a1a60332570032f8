/// What a guarded online update did: kept or rolled back, with held-out accuracy before and after.
public struct UpdateOutcome: Sendable, Hashable {
    public let accepted: Bool
    public let accuracyBefore: Double
    public let accuracyAfter: Double
}
