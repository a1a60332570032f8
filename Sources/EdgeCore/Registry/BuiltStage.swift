/// What a plugin factory returns: the stage, ready to run, and what it produces.
public enum BuiltStage: Sendable {
    case source(any SourceStage, output: Schema)
    case transform(any TransformStage, output: Schema)
    case model(any ModelStage)
    case sink(any SinkStage)
}
