import Logging

/// Checks the graph of a configuration (inputs, cycles, unused stages) and builds every stage
/// through its plugin's factory, which checks the columns flowing into it.
public struct PipelineBuilder: Sendable {
    public var registry: PluginRegistry
    public var logger: Logger

    public init(registry: PluginRegistry, logger: Logger) {
        self.registry = registry
        self.logger = logger
    }

    /// Checks and builds `config`. `earlier` holds what loading found (errors included), so that
    /// every problem is reported at once; stages that failed to load are skipped when building.
    public func build(_ config: PipelineConfig, earlier: [Diagnostic] = []) throws(ConfigError) -> BuiltPipeline {
        var diagnostics = earlier
        func error(_ location: SourceLocation, _ message: String, stage: String) {
            diagnostics.append(Diagnostic(.error, at: location, message, stage: stage))
        }
        let byId = Dictionary(config.stages.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let flowIds = config.stages.filter { $0.kind != .model }.map(\.id)

        // Inputs must name existing stages that produce records.
        var consumers: [String: [String]] = [:]
        var validInputs: [String: [String]] = [:]
        for stage in config.stages {
            if stage.kind == .source || stage.kind == .model, !stage.inputs.isEmpty {
                error(stage.location(ofOption: "inputs"), "\(stage.kind) '\(stage.id)' takes no inputs", stage: stage.id)
                continue
            }
            var seen = Set<String>()
            for input in stage.inputs {
                guard seen.insert(input.id).inserted else {
                    error(input.location, "input '\(input.id)' is listed twice", stage: stage.id)
                    continue
                }
                guard let upstream = byId[input.stage] else {
                    var message = "unknown input '\(input.id)' for \(stage.kind) '\(stage.id)'"
                    let producers = config.stages.filter { $0.kind == .source || $0.kind == .transform }.map(\.id)
                    if let suggestion = EditDistance.suggestion(for: input.id, among: producers) {
                        message += " (did you mean '\(suggestion)'?)"
                    }
                    error(input.location, message, stage: stage.id)
                    continue
                }
                guard upstream.kind == .source || upstream.kind == .transform else {
                    error(input.location, "'\(input.id)' is a \(upstream.kind) and produces no records; inputs must be sources or transforms", stage: stage.id)
                    continue
                }
                guard input.stage != stage.id else {
                    error(input.location, "\(stage.kind) '\(stage.id)' reads its own output", stage: stage.id)
                    continue
                }
                consumers[input.stage, default: []].append(stage.id)
                validInputs[stage.id, default: []].append(input.id)
            }
        }

        // Cycles, then a topological order (Kahn), stable in file order.
        var order: [String] = []
        var indegree = Dictionary(flowIds.map { ($0, validInputs[$0]?.count ?? 0) }, uniquingKeysWith: { a, _ in a })
        var ready = flowIds.filter { indegree[$0] == 0 }
        while !ready.isEmpty {
            let id = ready.removeFirst()
            order.append(id)
            for consumer in consumers[id] ?? [] {
                indegree[consumer]! -= 1
                if indegree[consumer] == 0 { ready.append(consumer) }
            }
        }
        let cyclic = flowIds.filter { !order.contains($0) }
        if !cyclic.isEmpty {
            let path = cyclePath(from: cyclic[0], inputs: validInputs, within: Set(cyclic))
            let stage = byId[cyclic[0]]!
            error(stage.location(ofOption: "inputs"), "cycle in the graph: \(path.joined(separator: " -> "))", stage: stage.id)
        }

        // Every source and transform must be read by someone.
        for stage in config.stages where (stage.kind == .source || stage.kind == .transform) && consumers[stage.id] == nil {
            error(stage.location, "\(stage.kind) '\(stage.id)' is not read by any stage; add it to the 'inputs' of a transform or sink", stage: stage.id)
        }
        if !config.stages.contains(where: { $0.kind == .sink }) {
            diagnostics.append(Diagnostic(.error, at: SourceLocation(file: config.file, line: 1, column: 1), "the pipeline has no sinks"))
        }

        // Build: models first, then the flow in order. A stage whose inputs failed is skipped,
        // so one mistake does not cascade into many.
        var models: [String: any ModelStage] = [:]
        var usedModels = Set<String>()
        for stage in config.stages where stage.kind == .model {
            if case .model(let model)? = buildStage(stage, inputs: [], models: [:], config: config, diagnostics: &diagnostics)?.stage {
                models[stage.id] = model
            }
        }
        let modelIds = Set(config.stages.filter { $0.kind == .model }.map(\.id))
        let failedModels = modelIds.subtracting(models.keys)
        var nodes: [BuiltPipeline.Node] = []
        var outputs: [String: Schema] = [:]
        for id in order {
            let stage = byId[id]!
            let inputIds = validInputs[id] ?? []
            guard inputIds.count == stage.inputs.count, inputIds.allSatisfy({ outputs[StageConfig.InputReference(id: $0, location: stage.location).stage] != nil }) else { continue }
            if let missing = stage.inputs.first(where: { outputs[$0.id] == nil }) {
                let ports = outputs.keys.filter { $0.hasPrefix(missing.stage + ".") }.map { String($0.dropFirst(missing.stage.count + 1)) }.sorted()
                var message = "'\(missing.stage)' has no output '\(missing.port ?? "")'"
                message += ports.isEmpty ? " (it has only its main output)" : " (it has: \(ports.joined(separator: ", ")))"
                if let port = missing.port, let suggestion = EditDistance.suggestion(for: port, among: ports) { message += "; did you mean '\(missing.stage).\(suggestion)'?" }
                error(missing.location, message, stage: stage.id)
                continue
            }
            // A stage naming a model that failed to build would only repeat that model's error.
            if stage.options.values.contains(where: { if case .string(let name) = $0 { failedModels.contains(name) } else { false } }) { continue }
            let inputs = inputIds.map { StageBuildContext.Input(id: $0, schema: outputs[$0]!) }
            guard let (built, referenced, options) = buildStage(stage, inputs: inputs, models: models, config: config, diagnostics: &diagnostics) else { continue }
            usedModels.formUnion(referenced)
            var output: Schema?
            switch built {
            case .source(_, let schema): output = schema
            case .transform(_, let schema, let ports):
                output = schema
                for (port, portSchema) in ports { outputs[id + "." + port] = portSchema }
            case .sink, .model: output = nil
            }
            if let output { outputs[id] = output }
            let settings = StageSettings(options: options, kind: stage.kind, dataDirectory: config.dataDirectory)
            nodes.append(.init(config: stage, stage: built, settings: settings, output: output, consumers: consumers[id] ?? []))
        }
        // A model named by a stage that failed to build is not unused: that stage's error is the
        // root cause. A model that failed to build has its own error already.
        for stage in config.stages where stage.kind != .model {
            for value in stage.options.values { if case .string(let name) = value, modelIds.contains(name) { usedModels.insert(name) } }
        }
        for stage in config.stages where stage.kind == .model && !usedModels.contains(stage.id) && models[stage.id] != nil {
            diagnostics.append(Diagnostic(.warning, at: stage.location, "model '\(stage.id)' is not used by any transform", stage: stage.id))
        }

        diagnostics += PipelineTestResolver.check(config.tests, schemas: outputs, stages: config.stages)

        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw ConfigError(code: .invalid, diagnostics: diagnostics.sorted(by: LoadSession.order))
        }
        return BuiltPipeline(config: config, nodes: nodes, warnings: diagnostics)
    }

    private func buildStage(
        _ stage: StageConfig, inputs: [StageBuildContext.Input], models: [String: any ModelStage],
        config: PipelineConfig, diagnostics: inout [Diagnostic]
    ) -> (stage: BuiltStage, referencedModels: Set<String>, options: StageOptions)? {
        guard stage.isValid, let registration = registry.registration(kind: stage.kind, type: stage.type) else { return nil }
        var values = stage.options
        for spec in registration.options + PluginRegistration.commonOptions(for: stage.kind) where values[spec.name] == nil {
            if let value = spec.defaultValue { values[spec.name] = value }
        }
        var stageLogger = logger
        stageLogger[metadataKey: "stage"] = .string(stage.id)
        let warnings = StageBuildWarnings()
        let context = StageBuildContext(
            id: stage.id, type: stage.type, options: StageOptions(values), inputs: inputs,
            dataDirectory: config.dataDirectory, siteTimeZone: config.timeZone, logger: stageLogger, models: models, warnings: warnings
        )
        defer {
            for warning in warnings.all {
                let location = warning.option.map { stage.location(ofOption: $0) } ?? stage.location
                diagnostics.append(Diagnostic(.warning, at: location, "\(stage.type) \(stage.kind) '\(stage.id)': \(warning.message)", stage: stage.id))
            }
        }
        do {
            let built = try registration.factory(context)
            let referenced = Set(values.values.compactMap { value -> String? in
                if case .string(let name) = value, models[name] != nil { return name }
                return nil
            })
            return (built, referenced, context.options)
        } catch let failure as StageBuildError {
            let location = failure.option.map { stage.location(ofOption: $0) } ?? stage.location
            diagnostics.append(Diagnostic(.error, at: location, "\(stage.type) \(stage.kind) '\(stage.id)': \(failure.message)", stage: stage.id))
        } catch {
            diagnostics.append(Diagnostic(.error, at: stage.location, "\(stage.type) \(stage.kind) '\(stage.id)': \(error)", stage: stage.id))
        }
        return nil
    }

    private func cyclePath(from start: String, inputs: [String: [String]], within members: Set<String>) -> [String] {
        var path = [start]
        var current = start
        let stage = { (input: String) in input.split(separator: ".", maxSplits: 1).first.map(String.init) ?? input }
        while let next = inputs[current]?.map(stage).first(where: { members.contains($0) }) {
            if let index = path.firstIndex(of: next) {
                let cycle = Array(path[index...].reversed())
                return cycle + [cycle[0]]
            }
            path.append(next)
            current = next
        }
        return path
    }
}
