/// One option a plugin accepts: the single place its type, default and documentation live.
public struct OptionSpec: Sendable, Hashable {
    public var name: String
    public var type: OptionType
    /// The default, or `nil` when the option is required or simply absent by default.
    public var defaultValue: OptionValue?
    public var required: Bool
    /// A secret is never printed back (logs, errors, `validate`).
    public var secret: Bool
    /// One line of documentation.
    public var doc: String
    /// The values it may take (numbers and durations); ``OptionRange/standard(for:)`` when none
    /// is declared.
    public var range: OptionRange?

    public init(
        _ name: String, _ type: OptionType, default defaultValue: OptionValue? = nil,
        required: Bool = false, secret: Bool = false, range: OptionRange? = nil, doc: String
    ) {
        self.name = name
        self.type = type
        self.range = range ?? OptionRange.standard(for: type)
        self.defaultValue = defaultValue
        self.required = required
        self.secret = secret
        self.doc = doc
    }
}
