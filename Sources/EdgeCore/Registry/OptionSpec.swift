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

    public init(
        _ name: String, _ type: OptionType, default defaultValue: OptionValue? = nil,
        required: Bool = false, secret: Bool = false, doc: String
    ) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.required = required
        self.secret = secret
        self.doc = doc
    }
}
