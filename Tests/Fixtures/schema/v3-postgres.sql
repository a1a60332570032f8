-- Frozen: what `retail-edge schema --dialect postgres --schema retail_v3` printed at schema version 3 (commit 42b7ee4);
-- the migration tests load it to get a database of the previous version.
-- retail-edge star schema version 3, postgres
CREATE SCHEMA IF NOT EXISTS "retail_v3";

CREATE TABLE IF NOT EXISTS "retail_v3"."retail_edge_schema" (
  "version" INTEGER NOT NULL,
  "applied_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("version")
);

DROP VIEW IF EXISTS "retail_v3"."v_forecast_accuracy_by_horizon";

DROP VIEW IF EXISTS "retail_v3"."v_forecast_accuracy";

DROP VIEW IF EXISTS "retail_v3"."v_sentiment_vs_sales";

DROP VIEW IF EXISTS "retail_v3"."v_forecast_vs_actual";

CREATE TABLE IF NOT EXISTS "retail_v3"."dim_date" (
  "date" DATE NOT NULL,
  "year" INTEGER NOT NULL,
  "quarter" INTEGER NOT NULL,
  "month" INTEGER NOT NULL,
  "month_name" VARCHAR(9) NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "weekday" INTEGER NOT NULL,
  "weekday_name" VARCHAR(9) NOT NULL,
  "is_weekend" BOOLEAN NOT NULL,
  "is_holiday" BOOLEAN NOT NULL,
  "holiday_name" VARCHAR(64),
  PRIMARY KEY ("date")
);

CREATE TABLE IF NOT EXISTS "retail_v3"."dim_store" (
  "store_id" VARCHAR(64) NOT NULL,
  "store_name" VARCHAR(200) NOT NULL,
  "city" VARCHAR(100),
  "region" VARCHAR(100),
  PRIMARY KEY ("store_id")
);

CREATE TABLE IF NOT EXISTS "retail_v3"."dim_product" (
  "product_id" VARCHAR(64) NOT NULL,
  "product_name" VARCHAR(200) NOT NULL,
  "category" VARCHAR(100),
  "brand" VARCHAR(100),
  "unit_price" NUMERIC(19,4),
  PRIMARY KEY ("product_id")
);

CREATE TABLE IF NOT EXISTS "retail_v3"."fact_sales_daily" (
  "date" DATE NOT NULL,
  "store_id" VARCHAR(64) NOT NULL,
  "product_id" VARCHAR(64) NOT NULL,
  "units" DOUBLE PRECISION NOT NULL,
  "revenue" NUMERIC(19,4) NOT NULL,
  "lines" BIGINT NOT NULL,
  PRIMARY KEY ("date", "store_id", "product_id"),
  FOREIGN KEY ("date") REFERENCES "retail_v3"."dim_date" ("date"),
  FOREIGN KEY ("store_id") REFERENCES "retail_v3"."dim_store" ("store_id"),
  FOREIGN KEY ("product_id") REFERENCES "retail_v3"."dim_product" ("product_id")
);

CREATE TABLE IF NOT EXISTS "retail_v3"."fact_forecast" (
  "store_id" VARCHAR(64) NOT NULL,
  "product_id" VARCHAR(64) NOT NULL,
  "date" DATE NOT NULL,
  "yhat" DOUBLE PRECISION NOT NULL,
  "yhat_lower" DOUBLE PRECISION NOT NULL,
  "yhat_upper" DOUBLE PRECISION NOT NULL,
  "model" VARCHAR(32) NOT NULL,
  "model_version" VARCHAR(32) NOT NULL,
  "trained_at" TIMESTAMP NOT NULL,
  "trained_date" DATE NOT NULL,
  "horizon_days" INTEGER,
  PRIMARY KEY ("store_id", "product_id", "date"),
  FOREIGN KEY ("store_id") REFERENCES "retail_v3"."dim_store" ("store_id"),
  FOREIGN KEY ("product_id") REFERENCES "retail_v3"."dim_product" ("product_id"),
  FOREIGN KEY ("date") REFERENCES "retail_v3"."dim_date" ("date")
);

CREATE TABLE IF NOT EXISTS "retail_v3"."fact_forecast_snapshot" (
  "trained_at" TIMESTAMP NOT NULL,
  "date" DATE NOT NULL,
  "store_id" VARCHAR(64) NOT NULL,
  "product_id" VARCHAR(64) NOT NULL,
  "horizon_days" INTEGER,
  "yhat" DOUBLE PRECISION NOT NULL,
  "yhat_lower" DOUBLE PRECISION NOT NULL,
  "yhat_upper" DOUBLE PRECISION NOT NULL,
  "model" VARCHAR(32) NOT NULL,
  "model_version" VARCHAR(32) NOT NULL,
  "trained_date" DATE NOT NULL,
  PRIMARY KEY ("trained_at", "date", "store_id", "product_id"),
  FOREIGN KEY ("date") REFERENCES "retail_v3"."dim_date" ("date"),
  FOREIGN KEY ("store_id") REFERENCES "retail_v3"."dim_store" ("store_id"),
  FOREIGN KEY ("product_id") REFERENCES "retail_v3"."dim_product" ("product_id")
);

CREATE INDEX IF NOT EXISTS "ix_fact_forecast_snapshot_date" ON "retail_v3"."fact_forecast_snapshot" ("date", "store_id", "product_id");

CREATE INDEX IF NOT EXISTS "ix_fact_forecast_snapshot_store" ON "retail_v3"."fact_forecast_snapshot" ("store_id", "date");

CREATE INDEX IF NOT EXISTS "ix_fact_forecast_snapshot_product" ON "retail_v3"."fact_forecast_snapshot" ("product_id", "date");

CREATE TABLE IF NOT EXISTS "retail_v3"."fact_model_metrics" (
  "trained_at" TIMESTAMP NOT NULL,
  "store_id" VARCHAR(64) NOT NULL,
  "product_id" VARCHAR(64) NOT NULL,
  "model" VARCHAR(32) NOT NULL,
  "mae" DOUBLE PRECISION,
  "rmse" DOUBLE PRECISION,
  "r2" DOUBLE PRECISION,
  "smape" DOUBLE PRECISION,
  "mase" DOUBLE PRECISION,
  "coverage" DOUBLE PRECISION,
  "accuracy" DOUBLE PRECISION,
  "macro_f1" DOUBLE PRECISION,
  "n_train" BIGINT NOT NULL,
  "fit_ms" DOUBLE PRECISION,
  "trained_date" DATE NOT NULL,
  "f1_positive" DOUBLE PRECISION,
  "f1_neutral" DOUBLE PRECISION,
  "f1_negative" DOUBLE PRECISION,
  PRIMARY KEY ("trained_at", "store_id", "product_id", "model"),
  FOREIGN KEY ("store_id") REFERENCES "retail_v3"."dim_store" ("store_id"),
  FOREIGN KEY ("product_id") REFERENCES "retail_v3"."dim_product" ("product_id")
);

CREATE TABLE IF NOT EXISTS "retail_v3"."fact_tweet" (
  "tweet_id" VARCHAR(64) NOT NULL,
  "created_at" TIMESTAMP NOT NULL,
  "text" VARCHAR(1000) NOT NULL,
  "intended_sentiment" VARCHAR(16),
  "product_id" VARCHAR(64) NOT NULL,
  "store_id" VARCHAR(64) NOT NULL,
  "model" VARCHAR(64),
  "sentiment" VARCHAR(16),
  "confidence" DOUBLE PRECISION,
  "created_date" DATE NOT NULL,
  PRIMARY KEY ("tweet_id"),
  FOREIGN KEY ("product_id") REFERENCES "retail_v3"."dim_product" ("product_id"),
  FOREIGN KEY ("store_id") REFERENCES "retail_v3"."dim_store" ("store_id"),
  FOREIGN KEY ("created_date") REFERENCES "retail_v3"."dim_date" ("date")
);

CREATE TABLE IF NOT EXISTS "retail_v3"."fact_tweet_entity" (
  "tweet_id" VARCHAR(64) NOT NULL,
  "start_offset" BIGINT NOT NULL,
  "end_offset" BIGINT NOT NULL,
  "entity_type" VARCHAR(16) NOT NULL,
  "entity_id" VARCHAR(64) NOT NULL,
  "text" VARCHAR(200) NOT NULL,
  PRIMARY KEY ("tweet_id", "start_offset", "entity_type")
);

CREATE TABLE IF NOT EXISTS "retail_v3"."fact_sentiment_daily" (
  "date" DATE NOT NULL,
  "entity_type" VARCHAR(16) NOT NULL,
  "entity_id" VARCHAR(64) NOT NULL,
  "positive" BIGINT NOT NULL,
  "neutral" BIGINT NOT NULL,
  "negative" BIGINT NOT NULL,
  "mean_score" DOUBLE PRECISION,
  PRIMARY KEY ("date", "entity_type", "entity_id"),
  FOREIGN KEY ("date") REFERENCES "retail_v3"."dim_date" ("date")
);

CREATE VIEW "retail_v3"."v_forecast_vs_actual" AS
SELECT f.date, f.store_id, f.product_id, f.yhat, f.yhat_lower, f.yhat_upper, f.model, f.trained_at,
       s.units AS actual_units, s.units - f.yhat AS error,
       CASE WHEN s.units IS NULL THEN NULL WHEN s.units BETWEEN f.yhat_lower AND f.yhat_upper THEN 1 ELSE 0 END AS inside_interval
FROM "retail_v3"."fact_forecast" f
LEFT JOIN "retail_v3"."fact_sales_daily" s ON s.date = f.date AND s.store_id = f.store_id AND s.product_id = f.product_id;

CREATE VIEW "retail_v3"."v_sentiment_vs_sales" AS
SELECT d.date, d.entity_id AS product_id, d.positive, d.neutral, d.negative,
       d.positive + d.neutral + d.negative AS tweets, d.mean_score,
       COALESCE(s.units, 0) AS units, COALESCE(s.revenue, 0) AS revenue
FROM "retail_v3"."fact_sentiment_daily" d
LEFT JOIN (SELECT date, product_id, SUM(units) AS units, SUM(revenue) AS revenue
           FROM "retail_v3"."fact_sales_daily" GROUP BY date, product_id) s
  ON s.date = d.date AND s.product_id = d.entity_id
WHERE d.entity_type = 'PRODUCT';

CREATE VIEW "retail_v3"."v_forecast_accuracy" AS
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
      FROM "retail_v3"."fact_forecast_snapshot" f
      LEFT JOIN "retail_v3"."fact_sales_daily" s ON s.date = f.date AND s.store_id = f.store_id AND s.product_id = f.product_id
      WHERE f.date <= (SELECT MAX(date) FROM "retail_v3"."fact_sales_daily")) a;

CREATE VIEW "retail_v3"."v_forecast_accuracy_by_horizon" AS
SELECT horizon_days, COUNT(*) AS forecasts, SUM(actual_units) AS actual_units, SUM(yhat) AS forecast_units,
       AVG(abs_error) AS mae, AVG(error) AS bias, AVG(squared_error) AS mse,
       SUM(abs_error) / NULLIF(SUM(actual_units), 0) AS wape,
       AVG(ape) AS mape, AVG(smape) AS smape, AVG(inside_interval) AS coverage
FROM "retail_v3"."v_forecast_accuracy"
GROUP BY horizon_days;

INSERT INTO "retail_v3"."retail_edge_schema" ("version", "applied_at") VALUES (3, CURRENT_TIMESTAMP);

