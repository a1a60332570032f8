import EdgeCore

/// The queries behind each endpoint and the JSON they make. Dates are the warehouse's
/// `YYYY-MM-DD` text; numbers are the database's values, unrounded.
extension WarehouseAnalytics {
    func document(_ endpoint: AnalyticsEndpoint, _ filter: AnalyticsFilter) throws -> String {
        switch endpoint {
        case .filters: try filters()
        case .forecast: try forecast(filter)
        case .totals: try totals(filter)
        case .sentiment: try sentiment(filter)
        case .mentions: try mentions(filter)
        case .models: try models(filter)
        }
    }

    /// One more than a series may hold, to tell that it was cut.
    private var bound: Value { .int(Int64(AnalyticsFilter.maxRows + 1)) }

    private func filters() throws -> String {
        let stores = try rows("""
            SELECT store_id, store_name FROM dim_store
            WHERE store_id IN (SELECT store_id FROM fact_sales_daily UNION SELECT store_id FROM fact_forecast)
            ORDER BY store_id LIMIT ?1
            """, [bound])
        let products = try rows("""
            SELECT product_id, product_name FROM dim_product
            WHERE product_id IN (SELECT product_id FROM fact_sales_daily UNION SELECT product_id FROM fact_forecast
                                 UNION SELECT entity_id FROM fact_sentiment_daily WHERE entity_type = 'PRODUCT')
            ORDER BY product_id LIMIT ?1
            """, [bound])
        let range = try rows("SELECT (SELECT MIN(date) FROM fact_sales_daily), (SELECT MAX(date) FROM fact_sales_daily), (SELECT MAX(date) FROM fact_forecast)", [])[0]
        return JSONText.object([
            ("stores", Self.objects(stores.prefix(AnalyticsFilter.maxRows), ["id", "name"])),
            ("products", Self.objects(products.prefix(AnalyticsFilter.maxRows), ["id", "name"])),
            ("first_sale", JSONText.value(range[0])), ("last_sale", JSONText.value(range[1])), ("last_forecast", JSONText.value(range[2])),
        ])
    }

    private func forecast(_ filter: AnalyticsFilter) throws -> String {
        let store = Value.string(filter.storeID!), product = Value.string(filter.productID!)
        try requireMember(store, table: "dim_store", column: "store_id")
        try requireMember(product, table: "dim_product", column: "product_id")
        let range: [Value] = [store, product, .string(filter.firstDay), .string(filter.lastDay), bound]
        let actual = try rows("""
            SELECT date, units FROM fact_sales_daily
            WHERE store_id = ?1 AND product_id = ?2 AND date BETWEEN ?3 AND ?4 ORDER BY date LIMIT ?5
            """, range)
        let forecast = try rows("""
            SELECT date, yhat, yhat_lower, yhat_upper FROM fact_forecast
            WHERE store_id = ?1 AND product_id = ?2 AND date BETWEEN ?3 AND ?4 ORDER BY date LIMIT ?5
            """, range)
        let model = try rows("""
            SELECT model, model_version, trained_at FROM fact_forecast
            WHERE store_id = ?1 AND product_id = ?2 ORDER BY trained_at DESC, date LIMIT 1
            """, [store, product])
        let backtest = try rows("""
            SELECT trained_at, model, mae, rmse, r2, smape, mase, coverage, n_train FROM fact_model_metrics
            WHERE store_id = ?1 AND product_id = ?2 ORDER BY trained_at DESC LIMIT 1
            """, [store, product])
        // Forecasts whose day has come: their error after the fact.
        let realised = try rows("""
            SELECT COUNT(*), AVG(ABS(error)), AVG(inside_interval) FROM v_forecast_vs_actual
            WHERE store_id = ?1 AND product_id = ?2 AND date BETWEEN ?3 AND ?4 AND actual_units IS NOT NULL
            """, [store, product, .string(filter.firstDay), .string(filter.lastDay)])
        return JSONText.object([
            ("store_id", JSONText.value(store)), ("product_id", JSONText.value(product)),
            ("from", filter.from.map(JSONText.string) ?? "null"), ("to", filter.to.map(JSONText.string) ?? "null"),
            ("actual", Self.objects(actual.prefix(AnalyticsFilter.maxRows), ["date", "value"])),
            ("forecast", Self.objects(forecast.prefix(AnalyticsFilter.maxRows), ["date", "yhat", "lower", "upper"])),
            ("model", model.first.map { Self.object($0, ["model", "model_version", "trained_at"]) } ?? "null"),
            ("backtest", backtest.first.map { Self.object($0, ["trained_at", "model", "mae", "rmse", "r2", "smape", "mase", "coverage", "n_train"]) } ?? "null"),
            ("realised", Self.object(realised[0], ["days", "mae", "coverage"])),
            ("truncated", String(actual.count > AnalyticsFilter.maxRows || forecast.count > AnalyticsFilter.maxRows)),
        ])
    }

    private func totals(_ filter: AnalyticsFilter) throws -> String {
        let parameters: [Value] = [filter.productID.map(Value.string) ?? .null, .string(filter.firstDay), .string(filter.lastDay), bound]
        let actual = try rows("""
            SELECT date, SUM(units), SUM(revenue), COUNT(DISTINCT store_id) FROM fact_sales_daily
            WHERE (?1 IS NULL OR product_id = ?1) AND date BETWEEN ?2 AND ?3 GROUP BY date ORDER BY date LIMIT ?4
            """, parameters)
        let forecast = try rows("""
            SELECT date, SUM(yhat) FROM fact_forecast
            WHERE (?1 IS NULL OR product_id = ?1) AND date BETWEEN ?2 AND ?3 GROUP BY date ORDER BY date LIMIT ?4
            """, parameters)
        return JSONText.object([
            ("product_id", JSONText.value(parameters[0])),
            ("actual", Self.objects(actual.prefix(AnalyticsFilter.maxRows), ["date", "value", "revenue", "stores"])),
            ("forecast", Self.objects(forecast.prefix(AnalyticsFilter.maxRows), ["date", "yhat"])),
            ("truncated", String(actual.count > AnalyticsFilter.maxRows || forecast.count > AnalyticsFilter.maxRows)),
        ])
    }

    private func sentiment(_ filter: AnalyticsFilter) throws -> String {
        let product = Value.string(filter.productID!)
        try requireMember(product, table: "dim_product", column: "product_id")
        let parameters: [Value] = [product, .string(filter.firstDay), .string(filter.lastDay), bound]
        let days = try rows("""
            SELECT date, mean_score, positive, neutral, negative, tweets, units FROM v_sentiment_vs_sales
            WHERE product_id = ?1 AND date BETWEEN ?2 AND ?3 ORDER BY date LIMIT ?4
            """, parameters)
        let sales = try rows("""
            SELECT date, SUM(units) FROM fact_sales_daily
            WHERE product_id = ?1 AND date BETWEEN ?2 AND ?3 GROUP BY date ORDER BY date LIMIT ?4
            """, parameters)
        let pairs = days.prefix(AnalyticsFilter.maxRows).compactMap { row -> (Double, Double)? in
            guard let score = Self.number(row[1]), let units = Self.number(row[6]) else { return nil }
            return (score, units)
        }
        return JSONText.object([
            ("product_id", JSONText.value(product)),
            ("sentiment", Self.objects(days.prefix(AnalyticsFilter.maxRows), ["date", "value", "positive", "neutral", "negative", "tweets", "units"])),
            ("sales", Self.objects(sales.prefix(AnalyticsFilter.maxRows), ["date", "value"])),
            ("correlation", JSONText.value(Self.correlation(pairs).map(Value.double) ?? .null)),
            ("truncated", String(days.count > AnalyticsFilter.maxRows || sales.count > AnalyticsFilter.maxRows)),
        ])
    }

    private func mentions(_ filter: AnalyticsFilter) throws -> String {
        let limit = Value.int(Int64(filter.limit ?? AnalyticsFilter.defaultLimit))
        let dated: Value = .int(filter.from != nil || filter.to != nil ? 1 : 0)
        func top(_ type: String, _ dimension: String, _ key: String, _ name: String) throws -> [[Value]] {
            try rows("""
                SELECT e.entity_id, COALESCE(d.\(name), e.entity_id), COUNT(*) AS mentions
                FROM fact_tweet_entity e LEFT JOIN \(dimension) d ON d.\(key) = e.entity_id
                WHERE e.entity_type = ?1
                  AND (?2 = 0 OR e.tweet_id IN (SELECT tweet_id FROM fact_tweet WHERE created_date BETWEEN ?3 AND ?4))
                GROUP BY e.entity_id ORDER BY mentions DESC, e.entity_id LIMIT ?5
                """, [.string(type), dated, .string(filter.firstDay), .string(filter.lastDay), limit])
        }
        return JSONText.object([
            ("products", Self.objects(try top("PRODUCT", "dim_product", "product_id", "product_name"), ["id", "name", "mentions"])),
            ("stores", Self.objects(try top("STORE", "dim_store", "store_id", "store_name"), ["id", "name", "mentions"])),
        ])
    }

    private func models(_ filter: AnalyticsFilter) throws -> String {
        let runs = try rows("""
            SELECT trained_at, model, COUNT(*), AVG(mae), AVG(rmse), AVG(smape), AVG(mase), AVG(coverage), AVG(accuracy), AVG(macro_f1)
            FROM fact_model_metrics WHERE (?1 IS NULL OR store_id = ?1) AND (?2 IS NULL OR product_id = ?2)
            GROUP BY trained_at, model ORDER BY trained_at DESC, model DESC LIMIT ?3
            """, [filter.storeID.map(Value.string) ?? .null, filter.productID.map(Value.string) ?? .null, .int(Int64(filter.limit ?? AnalyticsFilter.maxRows))])
        return JSONText.object([
            ("runs", Self.objects(runs.reversed(), ["trained_at", "model", "series", "mae", "rmse", "smape", "mase", "coverage", "accuracy", "macro_f1"])),
        ])
    }

    /// Refuses an id its dimension does not hold, naming it.
    private func requireMember(_ id: Value, table: String, column: String) throws {
        guard try rows("SELECT 1 FROM \(table) WHERE \(column) = ?1", [id]).isEmpty else { return }
        throw AnalyticsError(code: .badParameter, message: "\(column) \(JSONText.value(id)) is not in \(table)")
    }

    static func object(_ row: [Value], _ names: [String]) -> String {
        JSONText.object(zip(names, row).map { ($0, JSONText.value($1)) })
    }

    static func objects<Rows: Sequence<[Value]>>(_ rows: Rows, _ names: [String]) -> String {
        JSONText.array(rows.map { object($0, names) })
    }

    static func number(_ value: Value) -> Double? {
        switch value {
        case .int(let v): Double(v)
        case .double(let v): v
        default: nil
        }
    }

    /// Pearson's correlation of the pairs; nil for fewer than three or a constant side.
    static func correlation(_ pairs: [(Double, Double)]) -> Double? {
        guard pairs.count >= 3 else { return nil }
        let n = Double(pairs.count)
        let meanX = pairs.reduce(0) { $0 + $1.0 } / n, meanY = pairs.reduce(0) { $0 + $1.1 } / n
        var covariance = 0.0, varianceX = 0.0, varianceY = 0.0
        for (x, y) in pairs {
            covariance += (x - meanX) * (y - meanY)
            varianceX += (x - meanX) * (x - meanX)
            varianceY += (y - meanY) * (y - meanY)
        }
        guard varianceX > 0, varianceY > 0 else { return nil }
        return covariance / (varianceX * varianceY).squareRoot()
    }
}
