import EdgeCore
import Foundation
import RetailCatalog

/// Turns record batches into star-schema writes: facts never hold NULL dimension keys (they
/// get the `unknown` member), every key a fact uses exists in its dimension (inserted if
/// missing, without overwriting catalogue names), `dim_date` covers whole years without gaps,
/// and local-date columns are filled from their UTC timestamps; a table with a snapshot table
/// (``StarSchema/snapshotTables``) gets its rows written there too. Dialect-free: each sink only
/// executes the writes. One loader per connection.
public struct WarehouseLoader: Sendable {
    public let schema: StarSchema
    public let timeZone: TimeZone
    /// The site's calendar (`dim_date`'s holidays) and every calendar stores use (`dim_holiday`).
    public let calendars: StoreCalendars
    /// Years outside this range are not added to `dim_date`: facts with such dates are refused
    /// by the foreign key and dead-lettered, instead of filling the calendar with centuries.
    public static let calendarYears = 1900...2199

    static let calendarDays = CivilDate(year: calendarYears.lowerBound, month: 1, day: 1).daysSinceEpoch...CivilDate(year: calendarYears.upperBound, month: 12, day: 31).daysSinceEpoch

    private var knownKeys: [String: Set<String>] = [:]
    private var coveredYears: ClosedRange<Int>?

    public init(schema: StarSchema = .current, timeZone: TimeZone = .current, calendars: StoreCalendars = StoreCalendars()) {
        self.schema = schema
        self.timeZone = timeZone
        self.calendars = calendars
    }

    /// The dimensions' fixed members (`unknown`, `all`), the catalogue's stores and products, and
    /// every calendar's holidays in the years `dim_date` already covers (`datedYears`; their
    /// days, made whole, first).
    public func initialWrites(catalog: Catalog?, datedYears: ClosedRange<Int>? = nil) -> [WarehouseWrite] {
        var writes: [WarehouseWrite] = []
        if let datedYears, let dateTable = schema.table(named: "dim_date"), let holidayTable = schema.table(named: StarSchema.dimHoliday.name) {
            writes.append(WarehouseWrite(table: dateTable, batch: DateDimension.rows(years: datedYears, holidays: calendars.site), onConflict: .ignore))
            writes.append(WarehouseWrite(table: holidayTable, batch: DateDimension.holidayRows(years: datedYears, calendars: calendars.all), onConflict: .ignore))
        }
        for (dimension, noun) in [("dim_store", "store"), ("dim_product", "product")] {
            guard let table = schema.table(named: dimension) else { continue }
            let members = [
                CatalogEntry(id: StarSchema.unknownMember, name: "Unknown \(noun)"),
                CatalogEntry(id: StarSchema.allMember, name: "All \(noun)s"),
            ]
            writes.append(WarehouseWrite(table: table, batch: Self.dimensionRows(table, members), onConflict: .ignore))
            let entries = (dimension == "dim_store" ? catalog?.stores : catalog?.products) ?? []
            if !entries.isEmpty {
                writes.append(WarehouseWrite(table: table, batch: Self.dimensionRows(table, entries), onConflict: .update))
            }
        }
        return writes
    }

    /// The first date of `batch` that a `dim_date` foreign key of `table` cannot hold, as the
    /// error that refuses its row (the database would only say "FOREIGN KEY constraint failed").
    public func dateOutsideCalendar(_ batch: RecordBatch, into table: WarehouseTable) -> WarehouseError? {
        for column in table.columns where column.references == "dim_date" {
            guard case .field = column.origin, let values = batch.column(column.name), case .date(let days) = values.values else { continue }
            for (row, day) in days.enumerated() where !values.isNull(row) && !Self.calendarDays.contains(day) {
                return WarehouseError(code: .dateOutsideCalendar, message: "\(column.name) \(CivilDate(daysSinceEpoch: day)) is outside the date dimension (\(Self.calendarYears.lowerBound)–\(Self.calendarYears.upperBound))")
            }
        }
        return nil
    }

    /// The writes that load `batch` into `table`, and into the table that keeps its snapshots.
    public mutating func plan(_ batch: RecordBatch, into table: WarehouseTable) -> WarehouseWritePlan {
        let targets = [table] + (schema.snapshotTable(of: table).map { [$0] } ?? [])
        var newKeys: [String: Set<String>] = [:]
        var dayRange: ClosedRange<Int32>?
        let loaded = targets.map { rows(of: batch, for: $0, newKeys: &newKeys, dayRange: &dayRange) }
        var writes: [WarehouseWrite] = []
        for (dimension, keys) in newKeys.sorted(by: { $0.key < $1.key }) {
            guard let dimensionTable = schema.table(named: dimension) else { continue }
            let members = keys.sorted().map { CatalogEntry(id: $0, name: $0) }
            writes.append(WarehouseWrite(table: dimensionTable, batch: Self.dimensionRows(dimensionTable, members), onConflict: .ignore))
        }
        var covered = coveredYears
        if let dayRange, let dateTable = schema.table(named: "dim_date") {
            let first = CivilDate(daysSinceEpoch: dayRange.lowerBound).year, last = CivilDate(daysSinceEpoch: dayRange.upperBound).year
            let wanted = min(first, covered?.lowerBound ?? first)...max(last, covered?.upperBound ?? last)
            for years in Self.missing(wanted, covered: covered) {
                writes.append(WarehouseWrite(table: dateTable, batch: DateDimension.rows(years: years, holidays: calendars.site), onConflict: .ignore))
                if let holidayTable = schema.table(named: StarSchema.dimHoliday.name) {
                    writes.append(WarehouseWrite(table: holidayTable, batch: DateDimension.holidayRows(years: years, calendars: calendars.all), onConflict: .ignore))
                }
            }
            covered = wanted
        }
        writes += zip(targets, loaded).map { WarehouseWrite(table: $0, batch: $1, onConflict: .update) }
        return WarehouseWritePlan(writes: writes, newKeys: newKeys, coveredYears: covered)
    }

    /// `batch` as rows of `table`: derived columns filled, NULL store and product keys replaced
    /// by `unknown`; the dimension keys not yet known go to `newKeys`, the dates to `dayRange`.
    func rows(of batch: RecordBatch, for table: WarehouseTable, newKeys: inout [String: Set<String>], dayRange: inout ClosedRange<Int32>?) -> RecordBatch {
        var columns: [Column] = []
        for column in table.columns {
            var values: Column
            switch column.origin {
            case .field:
                guard let found = batch.column(column.name) else { preconditionFailure("batch lacks column \(column.name) of \(table.name)") }
                values = found
            case .localDate(let source):
                guard let timestamps = batch.column(source) else { preconditionFailure("batch lacks column \(source) of \(table.name)") }
                values = localDates(of: timestamps)
            }
            if let dimension = column.references {
                if case .date(let days) = values.values {
                    for (row, day) in days.enumerated() where !values.isNull(row) && Self.calendarDays.contains(day) {
                        dayRange = dayRange.map { min($0.lowerBound, day)...max($0.upperBound, day) } ?? day...day
                    }
                } else if case .string(let strings) = values.values {
                    values = Self.replacingNulls(values, strings)
                    if case .string(let keys) = values.values {
                        // Each distinct key once, found by its bytes (not a String per row).
                        let known = knownKeys[dimension] ?? []
                        var distinct = ByteInterner()
                        for row in 0..<keys.count {
                            let first = distinct.count
                            guard keys.withUTF8(at: row, { distinct.id($0) }) == Int32(first) else { continue }
                            let key = keys[row]
                            if !known.contains(key) { newKeys[dimension, default: []].insert(key) }
                        }
                    }
                }
            }
            columns.append(values)
        }
        return RecordBatch(schema: Schema(table.fields, kind: batch.schema.kind), columns: columns, provenance: batch.provenance)
    }

    /// Records what a committed plan added, so later batches do not write it again.
    public mutating func committed(_ plan: WarehouseWritePlan) {
        for (dimension, keys) in plan.newKeys { knownKeys[dimension, default: []].formUnion(keys) }
        coveredYears = plan.coveredYears
    }

    /// The parts of `wanted` that `covered` lacks (below and above it).
    static func missing(_ wanted: ClosedRange<Int>, covered: ClosedRange<Int>?) -> [ClosedRange<Int>] {
        guard let covered else { return [wanted] }
        var parts: [ClosedRange<Int>] = []
        if wanted.lowerBound < covered.lowerBound { parts.append(wanted.lowerBound...(covered.lowerBound - 1)) }
        if wanted.upperBound > covered.upperBound { parts.append((covered.upperBound + 1)...wanted.upperBound) }
        return parts
    }

    /// A string column with NULLs replaced by the `unknown` member (unchanged when it has none).
    static func replacingNulls(_ column: Column, _ strings: StringColumn) -> Column {
        guard column.validity != nil else { return column }
        var replaced = StringColumn(minimumCapacity: strings.count)
        for row in 0..<strings.count {
            if column.isNull(row) { replaced.append(StarSchema.unknownMember) } else { strings.withUTF8(at: row) { replaced.append(utf8: $0) } }
        }
        return Column(.string(replaced))
    }

    /// The local calendar day of each timestamp in this loader's time zone (a naive timestamp's
    /// day is its written date).
    func localDates(of timestamps: Column) -> Column {
        guard case .timestamp(let micros) = timestamps.values else { preconditionFailure("local dates need a timestamp column") }
        var clock = LocalDayClock(timeZone)
        let days = micros.indices.map { row in
            timestamps.isNaive(row) ? Timestamps.day(ofMicroseconds: micros[row]) : clock.day(ofInstant: micros[row])
        }
        return Column(.date(days), validity: timestamps.validity)
    }

    /// Rows for a store or product dimension: key and name from the entries, other columns from
    /// their attributes (`unit_price` as a number), NULL where absent.
    static func dimensionRows(_ table: WarehouseTable, _ entries: [CatalogEntry]) -> RecordBatch {
        var builders = table.fields.map { ColumnBuilder(type: $0.type, capacity: entries.count) }
        for entry in entries {
            for (index, column) in table.columns.enumerated() {
                let text: String? = index == 0 ? entry.id : index == 1 ? entry.name : entry.attributes[column.name]
                switch (column.recordType, text) {
                case (.string, let text?): builders[index].append(string: text)
                case (.double, let text?) where Double(text) != nil: builders[index].append(double: Double(text)!)
                case (.int, let text?) where Int64(text) != nil: builders[index].append(int: Int64(text)!)
                default: builders[index].appendNull()
                }
            }
        }
        return RecordBatch(schema: Schema(table.fields), columns: builders.indices.map { builders[$0].finish() })
    }
}
