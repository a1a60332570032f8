import EdgeCore

/// An analytics request's checked parameters: store, product, a date range (inclusive,
/// `YYYY-MM-DD`) and a row limit.
struct AnalyticsFilter: Sendable, Equatable {
    var storeID: String?
    var productID: String?
    var from: String?
    var to: String?
    var limit: Int?

    /// The most rows a series or a list returns.
    static let maxRows = 5000
    /// Rows of a top list when `limit` is not given.
    static let defaultLimit = 10

    /// Checks `query` against what `endpoint` accepts; names the parameter that is wrong.
    init(_ query: [String: String], for endpoint: AnalyticsEndpoint) throws {
        for name in query.keys.sorted() where !endpoint.parameters.contains(name) {
            let accepted = endpoint.parameters.isEmpty ? "none" : endpoint.parameters.joined(separator: ", ")
            throw AnalyticsError(code: .badParameter, message: "\(endpoint.path): unknown parameter '\(name)' (accepted: \(accepted))")
        }
        for name in endpoint.required where (query[name] ?? "").isEmpty {
            throw AnalyticsError(code: .badParameter, message: "\(endpoint.path): parameter '\(name)' is required")
        }
        storeID = try Self.identifier(query, "store_id")
        productID = try Self.identifier(query, "product_id")
        from = try Self.date(query, "from")
        to = try Self.date(query, "to")
        if let from, let to, from > to {
            throw AnalyticsError(code: .badParameter, message: "from '\(from)' is after to '\(to)'")
        }
        if let text = query["limit"], !text.isEmpty {
            guard let limit = Int(text), (1...Self.maxRows).contains(limit) else {
                throw AnalyticsError(code: .badParameter, message: "limit '\(text)' is not a whole number from 1 to \(Self.maxRows)")
            }
            self.limit = limit
        }
    }

    /// The first day of the range, for a query (the earliest there is when not given).
    var firstDay: String { from ?? "0000-01-01" }
    /// The last day of the range, for a query (the latest there is when not given).
    var lastDay: String { to ?? "9999-12-31" }

    private static func identifier(_ query: [String: String], _ name: String) throws -> String? {
        guard let text = query[name], !text.isEmpty else { return nil }
        guard text.utf8.count <= 64, !text.contains(where: { $0.isNewline || $0 == "\0" }) else {
            throw AnalyticsError(code: .badParameter, message: "\(name) is longer than 64 bytes or holds a control character")
        }
        return text
    }

    private static func date(_ query: [String: String], _ name: String) throws -> String? {
        guard let text = query[name], !text.isEmpty else { return nil }
        guard text.utf8.count == 10, text.dropFirst(4).first == "-", FieldParser.parse(text, FieldParser.date) != nil else {
            throw AnalyticsError(code: .badParameter, message: "\(name) '\(text)' is not a date (YYYY-MM-DD)")
        }
        return text
    }
}
