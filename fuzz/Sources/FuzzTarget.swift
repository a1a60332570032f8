/// One libFuzzer target: a name (`make fuzz` runs `RETAIL_EDGE_FUZZ_TARGET=name`) and the code
/// that feeds it one input. A target traps (`precondition`) when an invariant of its parser breaks.
struct FuzzTarget: Sendable {
    var name: String
    var run: @Sendable (_ input: [UInt8]) -> Void

    /// Every target, in the order `make fuzz` runs them.
    static let all: [FuzzTarget] = [
        CSVFuzz.target, FieldFuzz.target, ConfigFuzz.target, ConfigFuzz.pipelineTarget, JSONLinesFuzz.target, ExecProtocolFuzz.target,
        KafkaRecordFuzz.target, GroqReplyFuzz.target, CheckpointFuzz.target, BatchCodecFuzz.target,
        EntityFuzz.target, SentimentFuzz.target,
    ]
}
