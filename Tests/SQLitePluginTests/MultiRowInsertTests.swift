import EdgeCore
import EdgeCoreTesting
import Foundation
import RetailWarehouse
import Testing
@testable import SQLitePlugin

/// A write longer than one multi-row statement lands as row-by-row upserts would: keys repeated
/// inside one statement and across statements replace or add in order, NULLs and dates bind per
/// row, and the rows after the last whole statement land through the one-row statement.
@Suite struct MultiRowInsertTests {
    static let table = WarehouseTable(name: "sales", columns: [
        WarehouseColumn("day", .date, .date),
        WarehouseColumn("item", .string, .varchar(16)),
        WarehouseColumn("units", .double, .double),
        WarehouseColumn("lines", .int, .bigint, nullable: true),
    ], key: ["day", "item"])

    /// 2.5 statements' worth of rows; each statement's rows (and the rest's) have keys of their
    /// own, each recurring several times in it, so the order inside a statement decides the result.
    static func rows() -> [(day: Int32, item: String, units: Double, lines: Int64?)] {
        let perStatement = SQLiteWarehouseConnection.rowsPerStatement(columns: table.columns.count)
        return (0..<(perStatement * 5 / 2 + 3)).map { (row: Int) -> (day: Int32, item: String, units: Double, lines: Int64?) in
            let lines: Int64? = row % 7 == 0 ? nil : Int64(row)
            return (Int32(20_000 + row / perStatement), "P\(row % 10)", Double(row) + 0.25, lines)
        }
    }

    func load(_ conflict: WarehouseWrite.Conflict) throws -> String {
        let path = PipelineHarness.temporaryDirectory() + "/multi.db"
        let connection = SQLiteWarehouseConnection(try SQLiteConnection(path: path, readOnly: false))
        let dialect = SQLiteDialect()
        try connection.execute(dialect.createTable(Self.table))
        var builders = Self.table.fields.map { ColumnBuilder(type: $0.type, capacity: 0) }
        for row in Self.rows() {
            builders[0].append(date: row.day)
            builders[1].append(string: row.item)
            builders[2].append(double: row.units)
            if let lines = row.lines { builders[3].append(int: lines) } else { builders[3].appendNull() }
        }
        let batch = RecordBatch(schema: Schema(Self.table.fields), columns: builders.indices.map { builders[$0].finish() })
        try connection.load([WarehouseWrite(table: Self.table, batch: batch, onConflict: conflict)], dialect: dialect)
        return try SQLiteShell.query(path, "SELECT day, item, units, quote(lines) FROM sales ORDER BY day, item")
    }

    /// The table as one upsert per row, in order, would leave it (NULL plus a number is NULL).
    func expected(adding: Bool) -> String {
        var table: [String: (units: Double, lines: Int64?)] = [:]
        for row in Self.rows() {
            let key = "\(CivilDate(daysSinceEpoch: row.day))|\(row.item)"
            if adding, let old = table[key] {
                table[key] = (old.units + row.units, old.lines.flatMap { old in row.lines.map { old + $0 } })
            } else {
                table[key] = (row.units, row.lines)
            }
        }
        return table.keys.sorted().map { key in
            let value = table[key]!
            return "\(key)|\(value.units)|\(value.lines.map(String.init) ?? "NULL")"
        }.joined(separator: "\n")
    }

    @Test func updatesLandAsRowByRowUpsertsWould() throws {
        #expect(Self.rows().count > 2 * SQLiteWarehouseConnection.rowsPerStatement(columns: 4))
        #expect(try load(.update) == expected(adding: false))
    }

    @Test func additionsSumEveryRowOfAKey() throws {
        #expect(try load(.add) == expected(adding: true))
    }
}
