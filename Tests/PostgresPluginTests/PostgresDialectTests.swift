import EdgeCore
@testable import PostgresPlugin
import RetailWarehouse
import Testing

@Suite("postgres: SQL of the warehouse load, without a server")
struct PostgresDialectTests {
    let table = WarehouseTable(name: "fact_sales", columns: [
        WarehouseColumn("date_key", .date, .date),
        WarehouseColumn("store_id", .string, .varchar(32)),
        WarehouseColumn("units", .int, .bigint, nullable: true),
    ], key: ["date_key", "store_id"])

    @Test func tablesLiveInTheirSchemaWithQuotedNames() {
        let dialect = PostgresDialect(schema: "retail")
        #expect(dialect.qualified("fact_sales") == #""retail"."fact_sales""#)
        #expect(dialect.preamble == [#"CREATE SCHEMA IF NOT EXISTS "retail""#])
        #expect(dialect.quote(#"we"ird"#) == #""we""ird""#)
        #expect(PostgresDialect().qualified("t") == #""public"."t""#)
    }

    /// The index lands in the table's schema: its name is not qualified, the table is.
    @Test func indexesAreNamedBareOnTheQualifiedTable() {
        #expect(PostgresDialect(schema: "retail").createIndex(WarehouseIndex("ix_fact_sales_store", on: ["store_id", "date_key"]), on: table)
            == #"CREATE INDEX IF NOT EXISTS "ix_fact_sales_store" ON "retail"."fact_sales" ("store_id", "date_key")"#)
    }

    @Test func rowsAreCopiedIntoATemporaryStagingTable() {
        let dialect = PostgresDialect(schema: "retail")
        #expect(dialect.createStaging(table) == #"CREATE TEMP TABLE IF NOT EXISTS "staging_fact_sales" (LIKE "retail"."fact_sales") ON COMMIT DELETE ROWS"#)
        #expect(dialect.copyIntoStaging(table, binary: false) == #"COPY "staging_fact_sales" ("date_key", "store_id", "units") FROM STDIN"#)
        #expect(dialect.copyIntoStaging(table, binary: true) == #"COPY "staging_fact_sales" ("date_key", "store_id", "units") FROM STDIN (FORMAT binary)"#)
        #expect(dialect.upsertName(table, onConflict: .ignore) == "upsert_fact_sales_ignore")
    }

    @Test func theUpsertKeepsTheLastStagedRowPerKey() {
        let dialect = PostgresDialect(schema: "retail")
        let upsert = dialect.upsertFromStaging(table, onConflict: .update)
        #expect(upsert.contains(#"SELECT DISTINCT ON ("date_key", "store_id") "date_key", "store_id", "units" FROM "staging_fact_sales" ORDER BY "date_key", "store_id", ctid DESC"#))
        #expect(upsert.hasSuffix(#"ON CONFLICT ("date_key", "store_id") DO UPDATE SET "units" = EXCLUDED."units""#))
        #expect(dialect.upsertFromStaging(table, onConflict: .ignore).hasSuffix("DO NOTHING"))
        #expect(dialect.upsertFromStaging(table, onConflict: .update, keysUnique: true)
            == #"INSERT INTO "retail"."fact_sales" AS target ("date_key", "store_id", "units") SELECT "date_key", "store_id", "units" FROM "staging_fact_sales" "#
                + #"ON CONFLICT ("date_key", "store_id") DO UPDATE SET "units" = EXCLUDED."units""#)
        #expect(dialect.upsertName(table, onConflict: .update, keysUnique: true) == "upsert_fact_sales_update_unique")
        #expect(dialect.upsertRow(table, onConflict: .update)
            == #"INSERT INTO "retail"."fact_sales" AS target ("date_key", "store_id", "units") VALUES ($1, $2, $3) ON CONFLICT ("date_key", "store_id") DO UPDATE SET "units" = EXCLUDED."units""#)
        #expect(dialect.upsertRow(table, onConflict: .ignore).hasSuffix("DO NOTHING"))
        let keyless = WarehouseTable(name: "log", columns: [WarehouseColumn("line", .string, .text)], key: [])
        #expect(dialect.upsertFromStaging(keyless, onConflict: .update) == #"INSERT INTO "retail"."log" ("line") SELECT "line" FROM "staging_log""#)
    }

    @Test func createTableUsesStandardTypes() {
        let sql = PostgresDialect(schema: "retail").createTable(table)
        #expect(sql.hasPrefix(#"CREATE TABLE IF NOT EXISTS "retail"."fact_sales" ("#))
        #expect(sql.contains(#""units" BIGINT,"#) && sql.contains(#""date_key" DATE NOT NULL"#))
        #expect(sql.contains(#"PRIMARY KEY ("date_key", "store_id")"#))
    }
}
