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
        #expect(dialect.upsertSuffix(table, onConflict: .ignore) == " ON DUPLICATE KEY UPDATE `date_key` = `date_key`")
        let keyless = WarehouseTable(name: "log", columns: [WarehouseColumn("line", .string, .text)], key: [])
        #expect(dialect.upsertSuffix(keyless, onConflict: .update) == "")
    }
}
