/// A sink's disk buffer could not be read or written.
public struct DiskBufferError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}
