/// A text with its sentiment label, for training and evaluation.
public struct LabelledText: Sendable, Hashable, Codable {
    public var text: String
    public var label: String

    public init(text: String, label: String) {
        self.text = text
        self.label = label
    }
}
