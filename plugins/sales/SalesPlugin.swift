import EdgeCore
import RetailWarehouse

/// Registers the `aggregate_sales` transform.
public enum SalesPlugin {
    public static let registration = PluginRegistration(
        kind: .transform, type: "aggregate_sales",
        summary: "Daily units, revenue and line count per date, store and product (record kind sales_daily)",
        options: [
            OptionSpec("date_column", .string, default: .string("date"), doc: "Date column (type date); used when present."),
            OptionSpec("timestamp_column", .string, default: .string("ts"), doc: "Timestamp column whose local business day is used when there is no date column (naive timestamps: their written date)."),
            OptionSpec("store_column", .string, default: .string("store_id"), doc: "Store id column (string or int)."),
            OptionSpec("product_column", .string, default: .string("product_id"), doc: "Product id column (string or int)."),
            OptionSpec("units_column", .string, default: .string("units"), doc: "Units sold (int or double)."),
            OptionSpec("price_column", .string, default: .string("unit_price"), doc: "Unit price (int or double); revenue is the sum of units × unit price. Set it to \"\" for data without prices (revenue 0)."),
            OptionSpec("batch_rows", .int, default: .int(8192), range: .ints(1...1_048_576), doc: "Rows per output batch."),
            OptionSpec("emit", .choice(["totals", "changes"]), default: .string("totals"), doc: "totals: the absolute totals of changed keys (record kind sales_daily), for a single owner of the totals (a local database, a topic). changes: per Kafka partition, what changed since the last emit with the offsets it covers (sales_daily_change), which the database sinks add exactly once: for several agents of one consumer group writing one central database."),
            OptionSpec("retention_days", .int, default: .int(0), range: .ints(0...100_000), doc: "Days of totals kept per store before its newest day (0: all). Older totals leave the state at a checkpoint, so memory stays flat on a long-running agent; a later row for such a day is dead-lettered (emit: totals only)."),
            OptionSpec("max_pending_keys", .int, default: .int(65536), range: .ints(1...100_000_000), doc: "Emit changed totals once this many keys changed, without waiting for the next checkpoint."),
        ] + StoreTimeZones.options,
        factory: make
    )

    static func make(_ context: StageBuildContext) throws -> BuiltStage {
        let schema = try context.singleInputSchema()
        let options = context.options
        func column(_ option: String, _ types: [ColumnType]) throws -> Int {
            let name = options.string(option) ?? ""
            guard let index = schema.index(of: name) else {
                var message = "input has no column '\(name)' (it has: \(schema.fields.map(\.name).joined(separator: ", ")))"
                if let suggestion = EditDistance.suggestion(for: name, among: schema.fields.map(\.name)) { message += "; did you mean '\(suggestion)'?" }
                if option == "price_column" { message += "; without prices, set price_column: \"\"" }
                throw StageBuildError(option: option, message)
            }
            guard types.contains(schema.fields[index].type) else {
                throw StageBuildError(option: option, "column '\(name)' is \(schema.fields[index].type); expected \(types.map(\.rawValue).joined(separator: " or "))")
            }
            return index
        }
        let daySource: AggregateSales.DaySource
        if let dateName = options.string("date_column"), let index = schema.index(of: dateName), schema.fields[index].type == .date {
            daySource = .date(index)
        } else if let tsName = options.string("timestamp_column"), schema.index(of: tsName) != nil {
            daySource = .timestamp(try column("timestamp_column", [.timestamp, .date]))
        } else {
            throw StageBuildError(
                option: "inputs",
                "input needs a date column '\(options.string(defaulted: "date_column"))' (date) or a timestamp column '\(options.string(defaulted: "timestamp_column"))' (timestamp); it has: \(schema.fields.map(\.description).joined(separator: ", "))"
            )
        }
        let batchRows = options.int(defaulted: "batch_rows")
        let output = AggregateSales.Output(rawValue: options.string(defaulted: "emit")) ?? .totals
        let retentionDays = options.int(defaulted: "retention_days")
        if output == .changes, retentionDays > 0 {
            throw StageBuildError(option: "retention_days", "retention_days applies to emit: totals; with emit: changes the state holds only what changed since the last checkpoint")
        }
        let transform = AggregateSales(
            daySource: daySource,
            storeColumn: try column("store_column", [.string, .int]),
            productColumn: try column("product_column", [.string, .int]),
            unitsColumn: try column("units_column", [.int, .double]),
            priceColumn: options.string("price_column") == "" ? nil : try column("price_column", [.int, .double]),
            batchRows: batchRows,
            maxPendingKeys: options.int(defaulted: "max_pending_keys"),
            zones: try context.storeTimeZones(),
            checkpointDirectory: context.dataDirectory + "/checkpoints",
            output: output,
            retentionDays: retentionDays
        )
        return .transform(transform, output: output == .changes ? RecordKind.salesDailyChange : RecordKind.salesDaily)
    }
}
