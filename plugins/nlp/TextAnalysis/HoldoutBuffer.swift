/// A bounded set of labelled texts kept out of online updates, against which updates are checked.
/// When full, the oldest example makes room for the newest.
public struct HoldoutBuffer: Sendable, Hashable {
    public let capacity: Int
    public private(set) var examples: [LabelledText] = []
    private var nextSlot = 0

    public init(capacity: Int, examples: [LabelledText] = []) {
        self.capacity = max(capacity, 1)
        for example in examples { append(example) }
    }

    public mutating func append(_ example: LabelledText) {
        if examples.count < capacity {
            examples.append(example)
        } else {
            examples[nextSlot] = example
        }
        nextSlot = (nextSlot + 1) % capacity
    }
}
