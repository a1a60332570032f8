/// One read-only GET route a stage adds to the status API (see ``StatusRouteProviding``).
public struct StatusRoute: Sendable {
    /// The absolute path, without a query (`/analytics`, `/api/analytics/forecast`).
    public var path: String
    /// The label of the status page's navigation link to it; nil for documents not meant to be
    /// opened by a person (JSON endpoints).
    public var link: String?
    /// Answers a request with these query parameters (the last value of a repeated name wins).
    public var respond: @Sendable (_ query: [String: String]) async -> StatusResponse

    public init(path: String, link: String? = nil, respond: @escaping @Sendable (_ query: [String: String]) async -> StatusResponse) {
        self.path = path
        self.link = link
        self.respond = respond
    }
}
