/// The four kinds of stage, one configuration section each.
public enum StageKind: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    case source, transform, model, sink

    /// The configuration section holding stages of this kind.
    public var section: String { rawValue + "s" }

    public var description: String { rawValue }
}
