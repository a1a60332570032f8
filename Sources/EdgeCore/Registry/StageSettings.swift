/// The options every source, transform and sink takes (``PluginRegistration/commonOptions(for:)``),
/// resolved once with the registry's defaults filled in, for the runtime and for plugins that
/// supervise children of their own.
public struct StageSettings: Sendable, Hashable {
    /// `max_restarts` and `restart_backoff`.
    public var restart: RestartPolicy
    /// `buffer_max_bytes`: a sink's disk buffer limit; 0 for other stages, which have none.
    public var bufferMaxBytes: Int64
    /// `dead_letter`, else `DATA_DIR/dead_letter`.
    public var deadLetterDirectory: String

    public init(restart: RestartPolicy, bufferMaxBytes: Int64, deadLetterDirectory: String) {
        self.restart = restart
        self.bufferMaxBytes = bufferMaxBytes
        self.deadLetterDirectory = deadLetterDirectory
    }

    /// Reads the common options of a stage of `kind` (not a model: models are not supervised).
    public init(options: StageOptions, kind: StageKind, dataDirectory: String) {
        restart = RestartPolicy(maxRestarts: options.int(defaulted: "max_restarts"), initialBackoff: options.duration(defaulted: "restart_backoff"))
        bufferMaxBytes = kind == .sink ? Int64(options.int(defaulted: "buffer_max_bytes")) : 0
        deadLetterDirectory = options.string("dead_letter") ?? dataDirectory + "/dead_letter"
    }

    /// The dead-letter file of the stage `id`: `<dead_letter>/<id>.jsonl`.
    public func deadLetterPath(stage id: String) -> String {
        deadLetterDirectory + "/" + id + ".jsonl"
    }
}
