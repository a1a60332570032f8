extension BuiltPipeline {
    /// Every output of the graph, `stage` or `stage.port` (a transform's named output), with
    /// its schema.
    public var outputSchemas: [String: Schema] {
        var schemas: [String: Schema] = [:]
        for node in nodes {
            if let output = node.output { schemas[node.config.id] = output }
            if case .transform(_, _, let ports) = node.stage {
                for (port, schema) in ports { schemas[node.config.id + "." + port] = schema }
            }
        }
        return schemas
    }
}
