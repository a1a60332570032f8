import EdgeCore
@testable import MySQLPlugin
import RetailWarehouse
import Testing

@Suite("mysql: SQL of the warehouse load, without a server")
struct MySQLDialectTests {
    let dialect = MySQLDialect()
    let table = WarehouseTable(name: "fact_sales", columns: [
        WarehouseColumn("date_key", .date, .date),
        WarehouseColumn("store_id", .string, .varchar(32)),
        WarehouseColumn("units", .int, .integer, nullable: true),
        WarehouseColumn("at", .timestamp, .timestamp, nullable: true),
    ], key: ["date_key", "store_id"])

    @Test func quotesWithBackticksAndUsesMySQLTypes() {
        #expect(dialect.quote("we`ird") == "`we``ird`")
        #expect(dialect.beginTransaction == "START TRANSACTION")
        #expect(dialect.typeName(.integer) == "INT" && dialect.typeName(.timestamp) == "DATETIME(6)")
        #expect(dialect.typeName(.decimal(precision: 12, scale: 2)) == "DECIMAL(12,2)")
        let sql = dialect.createTable(table)
        #expect(sql.hasPrefix("CREATE TABLE IF NOT EXISTS `fact_sales` ("))
        #expect(sql.hasSuffix(") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"))
    }

    /// MySQL 8 refuses `CREATE INDEX IF NOT EXISTS` (MariaDB accepts it): the plain statement.
    @Test func indexesAreCreatedWithoutIfNotExists() {
        #expect(dialect.createIndex(WarehouseIndex("ix_fact_sales_store", on: ["store_id", "date_key"]), on: table)
            == "CREATE INDEX `ix_fact_sales_store` ON `fact_sales` (`store_id`, `date_key`)")
    }

    @Test func upsertsUpdateOrKeepExistingRows() {
        #expect(dialect.insertPrefix(table) == "INSERT INTO `fact_sales` (`date_key`, `store_id`, `units`, `at`) VALUES ")
        #expect(dialect.upsertSuffix(table, onConflict: .update) == " ON DUPLICATE KEY UPDATE `units` = VALUES(`units`), `at` = VALUES(`at`)")
        #expect(dialect.upsertSuffix(table, onConflict: .ignore) == " ON DUPLICATE KEY UPDATE `fact_sales`.`date_key` = `fact_sales`.`date_key`")
        let keyless = WarehouseTable(name: "log", columns: [WarehouseColumn("line", .string, .text)], key: [])
        #expect(dialect.upsertSuffix(keyless, onConflict: .update) == "")
    }

    @Test func bulkLoadsGoStraightInOnlyWhereReplaceOrIgnoreMeansTheSame() throws {
        #expect(dialect.loadDirectly(table, onConflict: .update)
            == "LOAD DATA LOCAL INFILE 'batch' REPLACE INTO TABLE `fact_sales` CHARACTER SET utf8mb4 (`date_key`, `store_id`, `units`, `at`)")
        #expect(dialect.loadDirectly(table, onConflict: .ignore)?.contains("'batch' IGNORE INTO TABLE `fact_sales`") == true)
        #expect(dialect.loadDirectly(table, onConflict: .add) == nil)
        // Facts reference the store dimension: a REPLACE there would delete rows they point to.
        let stores = try #require(StarSchema.current.table(named: "dim_store"))
        #expect(dialect.loadDirectly(stores, onConflict: .update) == nil)
        #expect(dialect.loadDirectly(stores, onConflict: .ignore) != nil)
        #expect(dialect.loadIntoStaging(stores).hasPrefix("LOAD DATA LOCAL INFILE 'batch' REPLACE INTO TABLE `staging_dim_store`"))
        #expect(dialect.upsertFromStaging(table, onConflict: .add)
            == "INSERT INTO `fact_sales` (`date_key`, `store_id`, `units`, `at`) SELECT `date_key`, `store_id`, `units`, `at` FROM `staging_fact_sales`"
                + " ON DUPLICATE KEY UPDATE `units` = `fact_sales`.`units` + VALUES(`units`), `at` = `fact_sales`.`at` + VALUES(`at`)")
    }
}
