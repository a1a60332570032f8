/// A problem a plugin finds while building a stage from its options, located at an option.
public struct StageBuildError: Error, Sendable, CustomStringConvertible {
    /// The option at fault, or `nil` for the stage as a whole.
    public var option: String?
    public var message: String

    public init(option: String? = nil, _ message: String) {
        self.option = option
        self.message = message
    }

    public var description: String { message }
}
