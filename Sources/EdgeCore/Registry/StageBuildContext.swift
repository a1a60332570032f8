import Foundation
import Logging

/// What a plugin's factory gets to build a stage: its options, its inputs' schemas and the
/// agent's settings. Building may read files but must not write any or touch the
/// network: `validate` calls it too.
public struct StageBuildContext: Sendable {
    /// One upstream stage and the schema it produces.
    public struct Input: Sendable {
        public var id: String
        public var schema: Schema
        public init(id: String, schema: Schema) {
            self.id = id
            self.schema = schema
        }
    }

    public var id: String
    public var type: String
    public var options: StageOptions
    public var inputs: [Input]
    public var dataDirectory: String
    /// The site's time zone (the config's `timezone:`, else the system's).
    public var siteTimeZone: TimeZone
    public var logger: Logger
    /// Models built from the `models:` section, by id.
    public var models: [String: any ModelStage]
    /// Where ``warn(option:_:)`` collects.
    public var warnings: StageBuildWarnings

    public init(
        id: String, type: String, options: StageOptions, inputs: [Input] = [],
        dataDirectory: String, siteTimeZone: TimeZone = .current, logger: Logger, models: [String: any ModelStage] = [:],
        warnings: StageBuildWarnings = StageBuildWarnings()
    ) {
        self.siteTimeZone = siteTimeZone
        self.id = id
        self.type = type
        self.options = options
        self.inputs = inputs
        self.dataDirectory = dataDirectory
        self.logger = logger
        self.models = models
        self.warnings = warnings
    }

    /// Reports something that does not stop the stage from being built (`validate` prints it as a
    /// warning at `option`).
    public func warn(option: String? = nil, _ message: String) {
        warnings.add(option: option, message)
    }

    /// A path from the config: absolute, relative to the working directory, or `default` under
    /// the data directory when absent.
    public func path(_ option: String, defaultUnderDataDirectory name: String) -> String {
        options.string(option) ?? dataDirectory + "/" + name
    }

    /// The stage's `timezone` option as a zone; nil when it is not set.
    public func stageTimeZone() throws -> TimeZone? {
        guard let name = options.string("timezone") else { return nil }
        guard let zone = TimeZoneNames.zone(name) else { throw StageBuildError(option: "timezone", TimeZoneNames.problem(name)) }
        return zone
    }

    /// The input schemas must all be the same; returns it.
    public func singleInputSchema() throws -> Schema {
        guard let first = inputs.first else { throw StageBuildError(option: "inputs", "needs at least one input") }
        for input in inputs.dropFirst() where input.schema != first.schema {
            throw StageBuildError(option: "inputs", "inputs '\(first.id)' \(first.schema) and '\(input.id)' \(input.schema) have different columns")
        }
        return first.schema
    }
}
