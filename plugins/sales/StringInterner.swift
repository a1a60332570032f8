/// Maps strings to dense ids and back.
struct StringInterner {
    private(set) var strings: [String] = []
    private var ids: [String: Int32] = [:]

    mutating func id(_ string: String) -> Int32 {
        if let id = ids[string] { return id }
        let id = Int32(strings.count)
        strings.append(string)
        ids[string] = id
        return id
    }

    subscript(id: Int32) -> String { strings[Int(id)] }
}
