import Foundation

/// A whole configuration file: global settings and the stages.
public struct PipelineConfig: Sendable {
    /// The file it was read from.
    public var file: String
    /// Where checkpoints, buffers, dead letters and model files live.
    public var dataDirectory: String
    /// `host:port` of the status API, if enabled.
    public var apiListen: String?
    /// `api.token`: a bearer token the status API requires for `/tap` and `/api/dead-letters`
    /// (records); required for them at all when `apiListen` is not loopback. A secret: never printed.
    public var apiToken: String?
    /// How often sources emit checkpoint barriers.
    public var checkpointInterval: Duration
    /// How long a graceful shutdown may take before the agent gives up.
    public var shutdownTimeout: Duration
    /// Batches in flight on each edge of the graph before the producer waits.
    public var channelCapacity: Int
    /// Stages in file order.
    public var stages: [StageConfig]
    /// Directories searched for out-of-process plugins before the system ones.
    public var pluginsPath: [String] = []
    /// The site's time zone (`timezone:`), in which stages make local days unless their own
    /// settings say otherwise; default the system's.
    public var timeZone: TimeZone = .current
    /// The `tests:` section: run by `retail-edge test`, checked (not run) by `run` and `validate`.
    public var tests: [PipelineTest] = []

    public init(
        file: String, dataDirectory: String, apiListen: String? = nil,
        checkpointInterval: Duration = .seconds(10), shutdownTimeout: Duration = .seconds(30),
        channelCapacity: Int = 4, stages: [StageConfig]
    ) {
        self.file = file
        self.dataDirectory = dataDirectory
        self.apiListen = apiListen
        self.checkpointInterval = checkpointInterval
        self.shutdownTimeout = shutdownTimeout
        self.channelCapacity = channelCapacity
        self.stages = stages
    }

    /// Whether `other` would run exactly the same pipeline (file positions aside).
    public func isEquivalent(to other: PipelineConfig) -> Bool {
        dataDirectory == other.dataDirectory && apiListen == other.apiListen && checkpointInterval == other.checkpointInterval
            && shutdownTimeout == other.shutdownTimeout && channelCapacity == other.channelCapacity
            && pluginsPath == other.pluginsPath && timeZone.identifier == other.timeZone.identifier
            && stages.count == other.stages.count && zip(stages, other.stages).allSatisfy { $0.isSameStage(as: $1) }
    }

    /// The stage called `id`.
    public func stage(_ id: String) -> StageConfig? { stages.first { $0.id == id } }
}
