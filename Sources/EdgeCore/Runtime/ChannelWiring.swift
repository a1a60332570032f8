/// The channels of a pipeline: one bounded channel per edge, keyed by consumer and input
/// position. A consumer of a named output (`stage.port`) gets only the batches of that port's
/// schema.
struct ChannelWiring: Sendable {
    /// Each stage's input channels, in the order of its `inputs:`.
    let inputs: [String: [BoundedChannel<StreamEvent>]]
    /// Each stage's consumers.
    let outputs: [String: [OutputPort.Edge]]

    init(_ pipeline: BuiltPipeline, capacity: Int) {
        let portSchemas = Dictionary(pipeline.nodes.flatMap { node -> [(String, Schema)] in
            guard case .transform(_, let main, let ports) = node.stage else { return node.output.map { [(node.config.id, $0)] } ?? [] }
            return [(node.config.id, main)] + ports.map { (node.config.id + "." + $0.key, $0.value) }
        }, uniquingKeysWith: { a, _ in a })
        let hasPorts = Set(pipeline.nodes.compactMap { node -> String? in
            if case .transform(_, _, let ports) = node.stage, !ports.isEmpty { return node.config.id }
            return nil
        })
        var inputs: [String: [BoundedChannel<StreamEvent>]] = [:]
        var outputs: [String: [OutputPort.Edge]] = [:]
        for node in pipeline.nodes {
            inputs[node.config.id] = node.config.inputs.map { input in
                let channel = BoundedChannel<StreamEvent>(capacity: capacity)
                let accepts = hasPorts.contains(input.stage) ? portSchemas[input.id] : nil
                outputs[input.stage, default: []].append(OutputPort.Edge(channel: channel, accepts: accepts))
                return channel
            }
        }
        self.inputs = inputs
        self.outputs = outputs
    }
}
