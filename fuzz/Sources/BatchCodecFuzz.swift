import EdgeCore

/// The disk buffer's batch decoder: what decodes must encode to bytes that decode to the same.
enum BatchCodecFuzz {
    static let target = FuzzTarget(name: "buffer") { input in
        guard let batch = try? BatchCodec.decode(input) else { return }
        precondition(batch.columns.allSatisfy { $0.count == batch.count }, "columns of different lengths")
        let encoded = BatchCodec.encode(batch)
        guard let again = try? BatchCodec.decode(encoded) else { preconditionFailure("an encoded batch does not decode") }
        precondition(BatchCodec.encode(again) == encoded, "a batch does not survive encode and decode")
    }
}
