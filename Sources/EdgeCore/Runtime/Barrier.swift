/// A numbered checkpoint marker that flows through the graph behind the records it covers.
public struct Barrier: Sendable, Hashable {
    public var id: Int
    public init(id: Int) { self.id = id }
}
