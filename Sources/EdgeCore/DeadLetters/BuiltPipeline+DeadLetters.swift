extension BuiltPipeline {
    /// A reader of each flow stage's dead-letter file, in graph order.
    public var deadLetterReaders: [DeadLetterReader] {
        nodes.map { DeadLetterReader(stage: $0.config.id, path: $0.settings.deadLetterPath(stage: $0.config.id)) }
    }

    /// The reader of `stage`'s dead-letter file; throws naming the stages there are.
    public func deadLetterReader(stage: String) throws(DeadLetterError) -> DeadLetterReader {
        let readers = deadLetterReaders
        guard let reader = readers.first(where: { $0.stage == stage }) else {
            var message = "no stage '\(stage)' (stages: \(readers.map(\.stage).joined(separator: ", ")))"
            if let suggestion = EditDistance.suggestion(for: stage, among: readers.map(\.stage)) { message += "; did you mean '\(suggestion)'?" }
            throw DeadLetterError(.unknownStage, message)
        }
        return reader
    }
}
