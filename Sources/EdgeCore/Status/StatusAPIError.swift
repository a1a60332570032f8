/// A status API address that is not `HOST:PORT`.
public struct StatusAPIError: Error, Sendable, CustomStringConvertible {
    public var listen: String
    public var description: String { "api.listen '\(listen)' is not HOST:PORT" }
}
