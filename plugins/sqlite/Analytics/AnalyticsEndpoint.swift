/// The analyst page's JSON documents, each at `/api/analytics/<name>` and with the query
/// parameters it accepts.
enum AnalyticsEndpoint: String, CaseIterable, Sendable {
    /// The stores and products with data, and the date range of sales and forecasts.
    case filters
    /// One store and product: daily units, the forecast with its interval, the backtest error.
    case forecast
    /// Units and revenue per day over all stores (optionally of one product), and the forecast's sum.
    case totals
    /// One product's daily sentiment beside its sales, and their correlation.
    case sentiment
    /// The most mentioned products and stores in tweets.
    case mentions
    /// Model metrics per training run.
    case models

    var path: String { "/api/analytics/" + rawValue }

    /// The query parameters it accepts.
    var parameters: [String] {
        switch self {
        case .filters: []
        case .forecast: ["store_id", "product_id", "from", "to"]
        case .totals: ["product_id", "from", "to"]
        case .sentiment: ["product_id", "from", "to"]
        case .mentions: ["from", "to", "limit"]
        case .models: ["store_id", "product_id", "limit"]
        }
    }

    /// The parameters it cannot do without.
    var required: [String] {
        switch self {
        case .forecast: ["store_id", "product_id"]
        case .sentiment: ["product_id"]
        default: []
        }
    }
}
