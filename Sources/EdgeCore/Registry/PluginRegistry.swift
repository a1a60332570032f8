/// Every stage type the agent knows, by kind and type name.
public struct PluginRegistry: Sendable {
    private var registrations: [StageKind: [String: PluginRegistration]] = [:]

    public init() {}

    /// Adds a plugin; a second registration of the same kind and type replaces the first.
    public mutating func register(_ registration: PluginRegistration) {
        registrations[registration.kind, default: [:]][registration.type] = registration
    }

    public func registration(kind: StageKind, type: String) -> PluginRegistration? {
        registrations[kind]?[type]
    }

    /// Every registration of `kind`, sorted by type.
    public func types(of kind: StageKind) -> [PluginRegistration] {
        (registrations[kind] ?? [:]).values.sorted { $0.type < $1.type }
    }

    /// Every registration, by kind then type.
    public var all: [PluginRegistration] {
        StageKind.allCases.flatMap { types(of: $0) }
    }

    /// Registrations with this type name, of any kind.
    public func registrations(named type: String) -> [PluginRegistration] {
        all.filter { $0.type == type }
    }
}
