import EdgeCore

/// The named record kinds with a fixed schema that the database sinks place in their
/// star-schema tables (``StarSchema``). Producers emit exactly these fields.
public enum RecordKind {
    /// Daily totals per date, store and product.
    public static let salesDaily = schema("sales_daily")
    /// Changes of daily totals since the producer's previous emit, one shard's at a time:
    /// the same fields, added to the stored totals by the database sinks.
    public static let salesDailyChange = schema("sales_daily_change")
    /// Forecast days with interval bounds, per store and product.
    public static let forecast = schema("forecast")
    /// Accuracy of one model on one series (or on all: store and product `all`).
    public static let modelMetrics = schema("model_metrics")
    /// Tweets with their intended and classified sentiment.
    public static let tweet = schema("tweet")
    /// Entities found in tweets, linked to catalogue ids.
    public static let tweetEntity = schema("tweet_entity")
    /// Daily sentiment counts per entity.
    public static let sentimentDaily = schema("sentiment_daily")

    private static func schema(_ kind: String) -> Schema {
        guard let schema = StarSchema.current.recordSchema(forKind: kind) else { preconditionFailure("no table for record kind \(kind)") }
        return schema
    }
}
