/// The format version stored with every saved model; decoding rejects versions this build does not know.
public struct FormatVersion: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The version this build writes and reads.
    public static let current = FormatVersion(unchecked: 1)

    public let value: Int

    private init(unchecked value: Int) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(Int.self)
        guard value == FormatVersion.current.value else {
            throw ForecastError(.unsupportedVersion, "saved model has version \(value), this build reads \(FormatVersion.current.value)")
        }
        self.value = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public var description: String { String(value) }
}
