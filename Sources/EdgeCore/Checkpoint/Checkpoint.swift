/// A consistent cut of the pipeline: where each source stood, each stateful transform's state
/// and each stage's dead-letter length, all as of the same barrier.
public struct Checkpoint: Sendable, Equatable {
    public var id: Int
    /// Source positions, opaque to the runtime, by stage id.
    public var positions: [String: [UInt8]]
    /// Transform states by stage id.
    public var states: [String: [UInt8]]
    /// Dead-letter file lengths by stage id.
    public var deadLetterLengths: [String: UInt64]

    public init(id: Int, positions: [String: [UInt8]] = [:], states: [String: [UInt8]] = [:], deadLetterLengths: [String: UInt64] = [:]) {
        self.id = id
        self.positions = positions
        self.states = states
        self.deadLetterLengths = deadLetterLengths
    }
}
