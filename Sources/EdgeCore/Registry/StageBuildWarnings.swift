/// Warnings a plugin's factory raises while building a stage (a source path that does not exist
/// yet): `validate` prints them, `run` logs them, neither stops.
public final class StageBuildWarnings: Sendable {
    /// One warning, located at `option` (or the stage as a whole).
    public struct Warning: Sendable, Hashable {
        public var option: String?
        public var message: String
    }

    private let collected = LockedValue<[Warning]>([])

    public init() {}

    public func add(option: String?, _ message: String) {
        collected.withLock { $0.append(Warning(option: option, message: message)) }
    }

    public var all: [Warning] { collected.withLock { $0 } }
}
