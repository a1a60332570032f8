/// A line that is not valid JSON, with the byte offset where parsing stopped.
struct JSONSyntaxError: Error, Sendable, CustomStringConvertible {
    var message: String
    var offset: Int
    var description: String { "\(message) at byte \(offset)" }
}
