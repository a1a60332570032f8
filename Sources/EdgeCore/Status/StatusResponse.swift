/// What a stage's status route answers: an HTTP status, a content type and a text body.
public struct StatusResponse: Sendable, Equatable {
    public var status: Int
    public var contentType: String
    public var body: String

    public init(status: Int, contentType: String, body: String) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// A JSON document.
    public static func json(_ body: String, status: Int = 200) -> StatusResponse {
        StatusResponse(status: status, contentType: "application/json", body: body)
    }

    /// `{"error": message}` with a 4xx or 5xx status.
    public static func error(_ status: Int, _ message: String) -> StatusResponse {
        json(JSONText.object([("error", JSONText.string(message))]), status: status)
    }

    /// An HTML page.
    public static func html(_ body: String) -> StatusResponse {
        StatusResponse(status: 200, contentType: "text/html; charset=utf-8", body: body)
    }
}
