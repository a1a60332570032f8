/// One named series for the ``ForecastEngine``, not yet validated.
public struct SeriesInput: Sendable, Hashable {
    public let id: String
    /// First day, as days since 1970-01-01.
    public let start: Int
    public let values: [Double]

    public init(id: String, start: Int, values: [Double]) {
        self.id = id
        self.start = start
        self.values = values
    }
}
