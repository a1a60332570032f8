/// What a plugin registers: its kind, type name, options and a factory. `plugins`,
/// `plugins describe` and `validate` are all generated from these.
public struct PluginRegistration: Sendable {
    public var kind: StageKind
    public var type: String
    /// One line saying what the stage does.
    public var summary: String
    public var options: [OptionSpec]
    /// Builds the stage from checked options; throws ``StageBuildError`` for semantic problems.
    public var factory: @Sendable (StageBuildContext) throws -> BuiltStage

    public init(
        kind: StageKind, type: String, summary: String, options: [OptionSpec],
        factory: @escaping @Sendable (StageBuildContext) throws -> BuiltStage
    ) {
        self.kind = kind
        self.type = type
        self.summary = summary
        self.options = options
        self.factory = factory
    }

    public func option(_ name: String) -> OptionSpec? {
        (options + Self.commonOptions(for: kind)).first { $0.name == name }
    }

    /// Options every stage of `kind` takes, handled by the runtime.
    public static func commonOptions(for kind: StageKind) -> [OptionSpec] {
        var common: [OptionSpec] = []
        if kind == .transform || kind == .sink {
            common.append(OptionSpec("inputs", .list(.string), required: true, doc: "Ids of the stages whose output this stage reads."))
        }
        if kind != .model {
            common.append(OptionSpec("max_restarts", .int, default: .int(5), range: .ints(0...1000), doc: "Consecutive failures retried (with backoff) before the pipeline stops."))
            common.append(OptionSpec("restart_backoff", .duration, default: .duration(.milliseconds(500)), range: .durations(.milliseconds(1)...Duration.seconds(3600)), doc: "First retry delay; doubles on each failure, with jitter, up to 60s."))
            if kind == .sink {
                common.append(OptionSpec("buffer_max_bytes", .int, default: .int(256 << 20), range: .ints((1 << 20)...(1 << 40)), doc: "Disk buffer for batches the destination cannot take now; when full, the sink stops reading."))
            }
            common.append(OptionSpec("dead_letter", .string, doc: "Directory for rejected records (JSON lines, one file per stage); default DATA_DIR/dead_letter."))
        }
        return common
    }
}
