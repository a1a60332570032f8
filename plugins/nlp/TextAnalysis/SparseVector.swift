/// A feature vector stored as bucket indices and their values; an index may repeat, values then add up.
struct SparseVector: Sendable, Hashable {
    var indices: [Int32] = []
    var values: [Float] = []
}
