import EdgeCore
import Foundation
@testable import MySQLPlugin
import RetailWarehouse
import Testing

/// The connection's bulk paths against a MariaDB server: LOAD DATA straight into the table, and
/// through a staging table for additive writes (which only a kafka source's changes reach in a
/// pipeline). Runs when RETAIL_EDGE_TEST_MYSQL_URL names one (scripts/test-mariadb.sh start);
/// `make test` runs this target without servers, so it is skipped there.
@Suite("mysql: LOAD DATA LOCAL INFILE against a server", .serialized,
       .enabled(if: ProcessInfo.processInfo.environment["RETAIL_EDGE_TEST_MYSQL_URL"] != nil, "RETAIL_EDGE_TEST_MYSQL_URL is not set"))
struct MySQLBulkLoadTests {
    static let table = WarehouseTable(name: "bulk_totals", columns: [
        WarehouseColumn("id", .int, .bigint), WarehouseColumn("label", .string, .varchar(64)), WarehouseColumn("units", .double, .double),
    ], key: ["id", "label"])

    /// A write of `rows` rows (ids 1…rows, labels to escape, units 1.5 each).
    static func write(rows: Int, onConflict: WarehouseWrite.Conflict) -> WarehouseWrite {
        var ids = ColumnBuilder(type: .int), labels = ColumnBuilder(type: .string), units = ColumnBuilder(type: .double)
        for id in 1...rows {
            ids.append(int: Int64(id))
            labels.append(string: "row\t\(id)\n\\")
            units.append(double: 1.5)
        }
        return WarehouseWrite(table: table, batch: RecordBatch(schema: Schema(table.fields), columns: [ids.finish(), labels.finish(), units.finish()]), onConflict: onConflict)
    }

    static func connect() throws -> (MySQLConnection, MySQLDialect) {
        let text = try #require(ProcessInfo.processInfo.environment["RETAIL_EDGE_TEST_MYSQL_URL"], "RETAIL_EDGE_TEST_MYSQL_URL is not set: run the tests with `make test`")
        let database = MySQLDatabase(url: try #require(MySQLURL(text)))
        let connection = try database.connect()
        try connection.execute("DROP TABLE IF EXISTS \(database.dialect.quote(table.name))")
        try connection.execute(database.dialect.createTable(table))
        return (connection, database.dialect)
    }

    static func load(_ writes: [WarehouseWrite], _ connection: MySQLConnection, _ dialect: MySQLDialect) throws {
        try SQLTransaction.run(begin: dialect.beginTransaction, execute: connection.execute) { try connection.load(writes, dialect: dialect) }
    }

    @Test func additiveWritesAddUpThroughTheStagingTableAndReplacingOnesReplace() throws {
        let (connection, dialect) = try Self.connect()
        #expect(connection.loadsLocalData)
        try Self.load([Self.write(rows: 1_500, onConflict: .add)], connection, dialect)
        try Self.load([Self.write(rows: 1_500, onConflict: .add)], connection, dialect)
        #expect(try connection.scalar("SELECT CONCAT(COUNT(*), '|', SUM(units)) FROM bulk_totals") == "1500|4500")
        #expect(try connection.scalar("SELECT HEX(label) FROM bulk_totals WHERE id = 7") == Array("row\t7\n\\".utf8).map { String(format: "%02X", $0) }.joined())
        try Self.load([Self.write(rows: 1_200, onConflict: .update)], connection, dialect)
        #expect(try connection.scalar("SELECT CONCAT(COUNT(*), '|', SUM(units)) FROM bulk_totals") == "1500|2700")
    }

    @Test func aValueTheServerOnlyWarnsAboutInALocalLoadFailsTheWriteAsARowRejection() throws {
        let (connection, dialect) = try Self.connect()
        try connection.execute("ALTER TABLE bulk_totals MODIFY label VARCHAR(5)")
        let refused = WarehouseTable(name: "bulk_totals", columns: Self.table.columns.map {
            $0.name == "label" ? WarehouseColumn("label", .string, .varchar(5)) : $0
        }, key: ["id", "label"])
        var write = Self.write(rows: 1_100, onConflict: .update)
        write.table = refused
        do {
            try Self.load([write], connection, dialect)
            Issue.record("a label longer than VARCHAR(5) was loaded")
        } catch let error as MySQLError {
            #expect(error.isRowRejection, "\(error)")
        }
        #expect(try connection.scalar("SELECT COUNT(*) FROM bulk_totals") == "0")
    }
}
