/// A checked configuration with every stage built, in dependency order.
public struct BuiltPipeline: Sendable {
    /// A built stage with its configuration and output schema.
    public struct Node: Sendable {
        public var config: StageConfig
        public var stage: BuiltStage
        /// Its common options (restarts, disk buffer, dead letters), defaults filled in.
        public var settings: StageSettings
        /// What the stage emits (`nil` for sinks and models).
        public var output: Schema?
        /// Ids of the stages reading this one's output.
        public var consumers: [String]
    }

    public var config: PipelineConfig
    /// Sources, transforms and sinks in topological order; models are not part of the flow.
    public var nodes: [Node]
    /// Warnings found while building.
    public var warnings: [Diagnostic]
}
