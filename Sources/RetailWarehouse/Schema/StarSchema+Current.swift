import EdgeCore

extension StarSchema {
    /// The schema this agent writes (version 2: per-class F1 in `fact_model_metrics`; version 3:
    /// `horizon_days`, every training run's forecasts in `fact_forecast_snapshot`, their
    /// accuracy views, secondary indexes; version 4: `dim_holiday`, every calendar's event days,
    /// and `dim_store.calendar`).
    public static let current = StarSchema(
        version: 4,
        tables: [dimDate, dimHoliday, dimStore, dimProduct, salesDaily, forecast, forecastSnapshot, modelMetrics, tweet, tweetEntity, sentimentDaily],
        views: [forecastVsActual, sentimentVsSales, forecastAccuracy, forecastAccuracyByHorizon],
        tableForKind: [
            "sales_daily": "fact_sales_daily", "sales_daily_change": "fact_sales_daily", "forecast": "fact_forecast", "model_metrics": "fact_model_metrics",
            "tweet": "fact_tweet", "tweet_entity": "fact_tweet_entity", "sentiment_daily": "fact_sentiment_daily",
        ],
        snapshotTables: ["fact_forecast": "fact_forecast_snapshot"]
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

    /// The event days of every holiday calendar the agent knows (`dim_date` names the site's):
    /// join on `date` and the store's `calendar` (`dim_store.calendar`, NULL for the site's).
    static let dimHoliday = WarehouseTable(name: "dim_holiday", columns: [
        WarehouseColumn("calendar", .string, .varchar(64)),
        WarehouseColumn("date", .date, .date, references: "dim_date"),
        WarehouseColumn("holiday_name", .string, .varchar(64)),
    ], key: ["calendar", "date"], since: 4)

    static let dimStore = WarehouseTable(name: "dim_store", columns: [
        WarehouseColumn("store_id", .string, id),
        WarehouseColumn("store_name", .string, label),
        WarehouseColumn("city", .string, .varchar(100), nullable: true),
        WarehouseColumn("region", .string, .varchar(100), nullable: true),
        WarehouseColumn("calendar", .string, .varchar(64), nullable: true, since: 4),
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
        WarehouseColumn("horizon_days", .int, .integer, nullable: true, since: 3),
    ], key: ["store_id", "product_id", "date"])

    /// Every training run's forecasts (fact_forecast keeps the latest run's), so that accuracy
    /// can be measured once the days have passed. `horizon_days`: days after the last day of
    /// history the run saw (1 = the first day forecast).
    static let forecastSnapshot = WarehouseTable(name: "fact_forecast_snapshot", columns: [
        WarehouseColumn("trained_at", .timestamp, .timestamp),
        WarehouseColumn("date", .date, .date, references: "dim_date"),
        WarehouseColumn("store_id", .string, id, references: "dim_store"),
        WarehouseColumn("product_id", .string, id, references: "dim_product"),
        WarehouseColumn("horizon_days", .int, .integer, nullable: true),
        WarehouseColumn("yhat", .double, .double),
        WarehouseColumn("yhat_lower", .double, .double),
        WarehouseColumn("yhat_upper", .double, .double),
        WarehouseColumn("model", .string, .varchar(32)),
        WarehouseColumn("model_version", .string, .varchar(32)),
        WarehouseColumn("trained_date", .date, .date, origin: .localDate(of: "trained_at")),
    ], key: ["trained_at", "date", "store_id", "product_id"], indexes: [
        WarehouseIndex("ix_fact_forecast_snapshot_date", on: ["date", "store_id", "product_id"]),
        WarehouseIndex("ix_fact_forecast_snapshot_store", on: ["store_id", "date"]),
        WarehouseIndex("ix_fact_forecast_snapshot_product", on: ["product_id", "date"]),
    ], since: 3)

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

    /// One row per snapshot row whose day has passed (on or before the last day of sales loaded):
    /// the actual units (0 without a sales row, as the forecast counts such days), the error
    /// (actual − yhat), its absolute value and square, the absolute percentage error (NULL when
    /// nothing sold), the symmetric one (0 when both are 0) and whether the interval held it.
    static let forecastAccuracy = WarehouseView(name: "v_forecast_accuracy", query: """
        SELECT trained_at, trained_date, date, store_id, product_id, horizon_days, model, model_version,
               yhat, yhat_lower, yhat_upper, actual_units,
               actual_units - yhat AS error,
               ABS(actual_units - yhat) AS abs_error,
               (actual_units - yhat) * (actual_units - yhat) AS squared_error,
               CASE WHEN actual_units > 0 THEN ABS(actual_units - yhat) / actual_units END AS ape,
               CASE WHEN ABS(actual_units) + ABS(yhat) > 0 THEN 2 * ABS(actual_units - yhat) / (ABS(actual_units) + ABS(yhat)) ELSE 0 END AS smape,
               CASE WHEN actual_units BETWEEN yhat_lower AND yhat_upper THEN 1 ELSE 0 END AS inside_interval
        FROM (SELECT f.trained_at, f.trained_date, f.date, f.store_id, f.product_id, f.horizon_days, f.model, f.model_version,
                     f.yhat, f.yhat_lower, f.yhat_upper, COALESCE(s.units, 0.0) AS actual_units
              FROM {fact_forecast_snapshot} f
              LEFT JOIN {fact_sales_daily} s ON s.date = f.date AND s.store_id = f.store_id AND s.product_id = f.product_id
              WHERE f.date <= (SELECT MAX(date) FROM {fact_sales_daily})) a
        """)

    /// Accuracy per forecast horizon over every run: MAE, bias, MSE, WAPE (Σ|error| / Σactual,
    /// safe where single days sold nothing), MAPE over days that sold, sMAPE, interval coverage.
    static let forecastAccuracyByHorizon = WarehouseView(name: "v_forecast_accuracy_by_horizon", query: """
        SELECT horizon_days, COUNT(*) AS forecasts, SUM(actual_units) AS actual_units, SUM(yhat) AS forecast_units,
               AVG(abs_error) AS mae, AVG(error) AS bias, AVG(squared_error) AS mse,
               SUM(abs_error) / NULLIF(SUM(actual_units), 0) AS wape,
               AVG(ape) AS mape, AVG(smape) AS smape, AVG(inside_interval) AS coverage
        FROM {v_forecast_accuracy}
        GROUP BY horizon_days
        """)
}
