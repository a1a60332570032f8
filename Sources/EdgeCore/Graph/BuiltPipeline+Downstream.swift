extension BuiltPipeline {
    /// The ids of the sinks that records of stage `id` reach, directly or through transforms.
    public func sinks(downstreamOf id: String) -> [String] {
        let byId = Dictionary(nodes.map { ($0.config.id, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = [], pending = [id], sinks: [String] = []
        while let current = pending.popLast() {
            for consumer in byId[current]?.consumers ?? [] where seen.insert(consumer).inserted {
                if byId[consumer]?.config.kind == .sink { sinks.append(consumer) }
                pending.append(consumer)
            }
        }
        return sinks.sorted()
    }
}
