import EdgeCore

extension StarSchema {
    /// The schema this agent writes (version 2: per-class F1 in `fact_model_metrics`).
    public static let current = StarSchema(
        version: 2,
        tables: [dimDate, dimStore, dimProduct, salesDaily, forecast, modelMetrics, tweet, tweetEntity, sentimentDaily],
        views: [forecastVsActual, sentimentVsSales],
        tableForKind: [
            "sales_daily": "fact_sales_daily", "sales_daily_change": "fact_sales_daily", "forecast": "fact_forecast", "model_metrics": "fact_model_metrics",
            "tweet": "fact_tweet", "tweet_entity": "fact_tweet_entity", "sentiment_daily": "fact_sentiment_daily",
        ]
    )

    /// Kinds whose rows are changes since the producer's previous emit: sinks add them to the
    /// stored row of their key (so several producers' counts of one key sum up).
    public static let additiveKinds: Set<String> = ["sales_daily_change"]

    static let id = SQLColumnType.varchar(64)
    static let label = SQLColumnType.varchar(200)

    static let dimDate = WarehouseTable(name: "dim_date", columns: [
        WarehouseColumn("date", .date, .date),
        WarehouseColumn("year", .int, .integer),
        WarehouseColumn("quarter", .int, .integer),
        WarehouseColumn("month", .int, .integer),
        WarehouseColumn("month_name", .string, .varchar(9)),
        WarehouseColumn("iso_week", .int, .integer),
        WarehouseColumn("weekday", .int, .integer),
        WarehouseColumn("weekday_name", .string, .varchar(9)),
        WarehouseColumn("is_weekend", .bool, .boolean),
        WarehouseColumn("is_holiday", .bool, .boolean),
        WarehouseColumn("holiday_name", .string, .varchar(64), nullable: true),
    ], key: ["date"])

    static let dimStore = WarehouseTable(name: "dim_store", columns: [
        WarehouseColumn("store_id", .string, id),
        WarehouseColumn("store_name", .string, label),
        WarehouseColumn("city", .string, .varchar(100), nullable: true),
        WarehouseColumn("region", .string, .varchar(100), nullable: true),
    ], key: ["store_id"])

    static let dimProduct = WarehouseTable(name: "dim_product", columns: [
        WarehouseColumn("product_id", .string, id),
        WarehouseColumn("product_name", .string, label),
        WarehouseColumn("category", .string, .varchar(100), nullable: true),
        WarehouseColumn("brand", .string, .varchar(100), nullable: true),
        WarehouseColumn("unit_price", .double, .money, nullable: true),
    ], key: ["product_id"])

    static let salesDaily = WarehouseTable(name: "fact_sales_daily", columns: [
        WarehouseColumn("date", .date, .date, references: "dim_date"),
        WarehouseColumn("store_id", .string, id, references: "dim_store"),
        WarehouseColumn("product_id", .string, id, references: "dim_product"),
        WarehouseColumn("units", .double, .double),
        WarehouseColumn("revenue", .double, .money),
        WarehouseColumn("lines", .int, .bigint),
    ], key: ["date", "store_id", "product_id"])

    static let forecast = WarehouseTable(name: "fact_forecast", columns: [
        WarehouseColumn("store_id", .string, id, references: "dim_store"),
        WarehouseColumn("product_id", .string, id, references: "dim_product"),
        WarehouseColumn("date", .date, .date, references: "dim_date"),
        WarehouseColumn("yhat", .double, .double),
        WarehouseColumn("yhat_lower", .double, .double),
        WarehouseColumn("yhat_upper", .double, .double),
        WarehouseColumn("model", .string, .varchar(32)),
        WarehouseColumn("model_version", .string, .varchar(32)),
        WarehouseColumn("trained_at", .timestamp, .timestamp),
        WarehouseColumn("trained_date", .date, .date, origin: .localDate(of: "trained_at")),
    ], key: ["store_id", "product_id", "date"])

    static let modelMetrics = WarehouseTable(name: "fact_model_metrics", columns: [
        WarehouseColumn("trained_at", .timestamp, .timestamp),
        WarehouseColumn("store_id", .string, id, references: "dim_store"),
        WarehouseColumn("product_id", .string, id, references: "dim_product"),
        WarehouseColumn("model", .string, .varchar(32)),
        WarehouseColumn("mae", .double, .double, nullable: true),
        WarehouseColumn("rmse", .double, .double, nullable: true),
        WarehouseColumn("r2", .double, .double, nullable: true),
        WarehouseColumn("smape", .double, .double, nullable: true),
        WarehouseColumn("mase", .double, .double, nullable: true),
        WarehouseColumn("coverage", .double, .double, nullable: true),
        WarehouseColumn("accuracy", .double, .double, nullable: true),
        WarehouseColumn("macro_f1", .double, .double, nullable: true),
        WarehouseColumn("n_train", .int, .bigint),
        WarehouseColumn("fit_ms", .double, .double, nullable: true),
        WarehouseColumn("trained_date", .date, .date, origin: .localDate(of: "trained_at")),
        WarehouseColumn("f1_positive", .double, .double, nullable: true, since: 2),
        WarehouseColumn("f1_neutral", .double, .double, nullable: true, since: 2),
        WarehouseColumn("f1_negative", .double, .double, nullable: true, since: 2),
    ], key: ["trained_at", "store_id", "product_id", "model"])

    static let tweet = WarehouseTable(name: "fact_tweet", columns: [
        WarehouseColumn("tweet_id", .string, id),
        WarehouseColumn("created_at", .timestamp, .timestamp),
        WarehouseColumn("text", .string, .varchar(1000)),
        WarehouseColumn("intended_sentiment", .string, .varchar(16), nullable: true),
        WarehouseColumn("product_id", .string, id, references: "dim_product"),
        WarehouseColumn("store_id", .string, id, references: "dim_store"),
        WarehouseColumn("model", .string, .varchar(64), nullable: true),
        WarehouseColumn("sentiment", .string, .varchar(16), nullable: true),
        WarehouseColumn("confidence", .double, .double, nullable: true),
        WarehouseColumn("created_date", .date, .date, references: "dim_date", origin: .localDate(of: "created_at")),
    ], key: ["tweet_id"])

    static let tweetEntity = WarehouseTable(name: "fact_tweet_entity", columns: [
        WarehouseColumn("tweet_id", .string, id),
        WarehouseColumn("start_offset", .int, .bigint),
        WarehouseColumn("end_offset", .int, .bigint),
        WarehouseColumn("entity_type", .string, .varchar(16)),
        WarehouseColumn("entity_id", .string, id),
        WarehouseColumn("text", .string, label),
    ], key: ["tweet_id", "start_offset", "entity_type"])

    static let sentimentDaily = WarehouseTable(name: "fact_sentiment_daily", columns: [
        WarehouseColumn("date", .date, .date, references: "dim_date"),
        WarehouseColumn("entity_type", .string, .varchar(16)),
        WarehouseColumn("entity_id", .string, id),
        WarehouseColumn("positive", .int, .bigint),
        WarehouseColumn("neutral", .int, .bigint),
        WarehouseColumn("negative", .int, .bigint),
        WarehouseColumn("mean_score", .double, .double, nullable: true),
    ], key: ["date", "entity_type", "entity_id"])

    static let forecastVsActual = WarehouseView(name: "v_forecast_vs_actual", query: """
        SELECT f.date, f.store_id, f.product_id, f.yhat, f.yhat_lower, f.yhat_upper, f.model, f.trained_at,
               s.units AS actual_units, s.units - f.yhat AS error,
               CASE WHEN s.units IS NULL THEN NULL WHEN s.units BETWEEN f.yhat_lower AND f.yhat_upper THEN 1 ELSE 0 END AS inside_interval
        FROM {fact_forecast} f
        LEFT JOIN {fact_sales_daily} s ON s.date = f.date AND s.store_id = f.store_id AND s.product_id = f.product_id
        """)

    static let sentimentVsSales = WarehouseView(name: "v_sentiment_vs_sales", query: """
        SELECT d.date, d.entity_id AS product_id, d.positive, d.neutral, d.negative,
               d.positive + d.neutral + d.negative AS tweets, d.mean_score,
               COALESCE(s.units, 0) AS units, COALESCE(s.revenue, 0) AS revenue
        FROM {fact_sentiment_daily} d
        LEFT JOIN (SELECT date, product_id, SUM(units) AS units, SUM(revenue) AS revenue
                   FROM {fact_sales_daily} GROUP BY date, product_id) s
          ON s.date = d.date AND s.product_id = d.entity_id
        WHERE d.entity_type = 'PRODUCT'
        """)
}
