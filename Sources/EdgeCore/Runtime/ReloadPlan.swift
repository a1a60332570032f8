/// What a reload changes: stages whose configuration and whole upstream are unchanged are kept
/// (their instances, and sinks' open connections, carry over); the others are rebuilt, added or
/// removed.
public struct ReloadPlan: Sendable {
    public let kept: [String]
    public let rebuilt: [String]
    public let added: [String]
    public let removed: [String]
    /// The new pipeline, with kept stages' instances in place of freshly built ones.
    public let pipeline: BuiltPipeline
    /// Sinks whose connection stays open across the reload.
    public let keptSinks: Set<String>

    public init(from old: BuiltPipeline, to new: BuiltPipeline) {
        let oldNodes = Dictionary(old.nodes.map { ($0.config.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newNodes = Dictionary(new.nodes.map { ($0.config.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Stages make their local days in the site's zone: a new zone rebuilds them all.
        let sameSettings = old.config.dataDirectory == new.config.dataDirectory && old.config.timeZone.identifier == new.config.timeZone.identifier
        var unchanged: [String: Bool] = [:]
        func isUnchanged(_ id: String) -> Bool {
            if let known = unchanged[id] { return known }
            unchanged[id] = false
            guard sameSettings, let before = oldNodes[id], let after = newNodes[id], before.config.isSameStage(as: after.config) else { return false }
            let result = after.config.inputs.allSatisfy { isUnchanged($0.id) }
            unchanged[id] = result
            return result
        }
        var pipeline = new
        var kept: [String] = [], rebuilt: [String] = [], added: [String] = []
        for (index, node) in new.nodes.enumerated() {
            let id = node.config.id
            if isUnchanged(id), let before = oldNodes[id] {
                pipeline.nodes[index].stage = before.stage
                kept.append(id)
            } else if oldNodes[id] != nil {
                rebuilt.append(id)
            } else {
                added.append(id)
            }
        }
        self.kept = kept
        self.rebuilt = rebuilt
        self.added = added
        self.removed = old.nodes.map(\.config.id).filter { newNodes[$0] == nil }
        self.pipeline = pipeline
        self.keptSinks = Set(kept.filter { newNodes[$0]?.config.kind == .sink })
    }

    /// Why rebuilt transforms could not continue from `checkpoint`'s states (a changed time
    /// zone, say); empty when they all can.
    public func stateProblems(in checkpoint: Checkpoint?) -> [String] {
        guard let checkpoint else { return [] }
        return pipeline.nodes.compactMap { node in
            guard rebuilt.contains(node.config.id), case .transform(var transform, _, _) = node.stage,
                  let state = checkpoint.states[node.config.id] else { return nil }
            do {
                try transform.restore(state)
                return nil
            } catch {
                return "\(node.config.type) transform '\(node.config.id)': \(error)"
            }
        }
    }

    public var summary: String {
        func list(_ ids: [String]) -> String { ids.isEmpty ? "-" : ids.joined(separator: ",") }
        return "kept \(list(kept)); rebuilt \(list(rebuilt)); added \(list(added)); removed \(list(removed))"
    }
}
