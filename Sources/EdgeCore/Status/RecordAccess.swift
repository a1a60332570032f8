/// Who may read records (`/tap`, `/api/dead-letters`) from the status API: anyone on a loopback address without a
/// token; with `api.token`, only requests bearing it; on any other address, nobody without one.
public struct RecordAccess: Sendable {
    public let loopback: Bool
    public let token: String?

    public init(listen: ListenAddress, token: String?) {
        self.loopback = listen.isLoopback
        self.token = token
    }

    /// Why a request with this `Authorization` header may not read records; nil when it may.
    public func refusal(authorization: String?) -> (status: Int, reason: String)? {
        guard let token else {
            return loopback ? nil : (403, "records (/tap, /api/dead-letters) are off on a non-loopback address without 'api.token'")
        }
        guard let authorization, authorization.hasPrefix("Bearer "), Self.equal(Array(authorization.utf8.dropFirst(7)), Array(token.utf8)) else {
            return (401, "a bearer token is required (Authorization: Bearer <api.token>)")
        }
        return nil
    }

    /// Compares without stopping at the first difference, so timing does not reveal the token.
    private static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
