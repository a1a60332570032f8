/// A trie over token identifiers that finds the longest catalogue name starting at a position.
struct NameTrie: Sendable {
    private var children: [[Int: Int]] = [[:]]
    private var payloads: [Int?] = [nil]

    /// Adds a name; when a name is already present its first payload is kept.
    mutating func insert(_ tokenIDs: [Int], payload: Int) {
        var node = 0
        for tokenID in tokenIDs {
            if let next = children[node][tokenID] {
                node = next
            } else {
                children.append([:])
                payloads.append(nil)
                children[node][tokenID] = children.count - 1
                node = children.count - 1
            }
        }
        if payloads[node] == nil { payloads[node] = payload }
    }

    /// The longest name that starts at `start`: the index one past its last token and its payload.
    func longestMatch(in tokenIDs: [Int], from start: Int) -> (end: Int, payload: Int)? {
        var node = 0
        var best: (end: Int, payload: Int)?
        var index = start
        while index < tokenIDs.count, let next = children[node][tokenIDs[index]] {
            node = next
            index += 1
            if let payload = payloads[node] { best = (index, payload) }
        }
        return best
    }
}
