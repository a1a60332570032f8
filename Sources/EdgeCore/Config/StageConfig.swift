/// One stage as written in the configuration, with its options checked against the plugin's specs.
public struct StageConfig: Sendable {
    public var id: String
    public var kind: StageKind
    public var type: String
    public var inputs: [InputReference]
    /// Options after interpolation and type checks, defaults not filled in.
    public var options: [String: OptionValue]
    /// Where each option's value is, by option name.
    public var optionLocations: [String: SourceLocation]
    /// Where the stage's id is written.
    public var location: SourceLocation
    /// False when loading found errors in the stage; it is then checked but not built.
    public var isValid = true

    /// A stage named in `inputs:`, and where.
    public struct InputReference: Sendable, Hashable {
        /// `stage` or `stage.port` (a named output).
        public var id: String
        public var location: SourceLocation
        public init(id: String, location: SourceLocation) {
            self.id = id
            self.location = location
        }

        /// The stage read from (the part before a `.`).
        public var stage: String { id.split(separator: ".", maxSplits: 1).first.map(String.init) ?? id }
        /// The named output read, or `nil` for the stage's main output.
        public var port: String? { id.contains(".") ? id.split(separator: ".", maxSplits: 1).last.map(String.init) : nil }
    }

    public init(
        id: String, kind: StageKind, type: String, inputs: [InputReference] = [],
        options: [String: OptionValue] = [:], optionLocations: [String: SourceLocation] = [:],
        location: SourceLocation
    ) {
        self.id = id
        self.kind = kind
        self.type = type
        self.inputs = inputs
        self.options = options
        self.optionLocations = optionLocations
        self.location = location
    }

    /// Whether `other` describes the same stage (id, kind, type, inputs, options), wherever it
    /// is written in the file.
    public func isSameStage(as other: StageConfig) -> Bool {
        id == other.id && kind == other.kind && type == other.type && inputs.map(\.id) == other.inputs.map(\.id)
            && options == other.options && isValid == other.isValid
    }

    /// Where option `name` is written, or the stage itself when it is not.
    public func location(ofOption name: String) -> SourceLocation {
        optionLocations[name] ?? location
    }
}
