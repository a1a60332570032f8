/// An estimator from the `models:` section that transforms refer to by id.
public protocol ModelStage: Sendable {
    /// The model's type name, as registered.
    var modelType: String { get }
}
