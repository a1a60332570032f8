/// What a plugin factory returns: the stage, ready to run, and what it produces.
public enum BuiltStage: Sendable {
    case source(any SourceStage, output: Schema)
    /// `ports` are further named outputs, read as `stage.port` (Vector's named outputs): each
    /// has its own record kind, and the runtime routes every emitted batch by its schema.
    case transform(any TransformStage, output: Schema, ports: [String: Schema] = [:])
    case model(any ModelStage)
    case sink(any SinkStage)
}
