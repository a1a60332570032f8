import EdgeCore
import Forecasting
import RetailWarehouse

/// Registers the `forecast` transform and the forecasting models.
public enum ForecastPlugin {
    public static var registrations: [PluginRegistration] {
        [transform] + ModelKind.allCases.filter { $0 != .level }.map(model)
    }

    static let transform = PluginRegistration(
        kind: .transform, type: "forecast",
        summary: "Per store × product demand forecasts with intervals (record kind forecast) and backtest accuracy (output 'metrics': model_metrics)",
        options: [
            OptionSpec("model", .string, doc: "Id of a model in the models: section; default an 'auto' model at level 0.8."),
            OptionSpec("horizon_days", .int, default: .int(30), range: .ints(1...366), doc: "Days forecast after each series' last day."),
            OptionSpec("retrain", .string, default: .string("on new days"), doc: "When to retrain changed series: 'on new days', 'daily at HH:MM', 'every N batches' or a cron expression (local time of 'timezone'). run --once trains at the end."),
            OptionSpec("timezone", .string, doc: "Zone of the retrain schedule's times (IANA name); default the top-level timezone. Forecast dates follow the input's (local) days."),
            OptionSpec("retrain_min_interval", .duration, default: .duration(.seconds(300)), doc: "With 'on new days': the least time between trainings."),
            OptionSpec("max_history_days", .int, default: .int(1095), range: .ints(14...36_500), doc: "Days of history kept per series (older days are dropped)."),
            OptionSpec("date_column", .string, default: .string("date"), doc: "Day column (date)."),
            OptionSpec("store_column", .string, default: .string("store_id"), doc: "Store id column (string)."),
            OptionSpec("product_column", .string, default: .string("product_id"), doc: "Product id column (string)."),
            OptionSpec("units_column", .string, default: .string("units"), doc: "Units sold that day (int or double)."),
            OptionSpec("revenue_column", .string, default: .string("revenue"), doc: "Revenue of the day (int or double), for the avg_price covariate."),
            OptionSpec("covariates", .list(.string), default: .list([]), doc: "Daily covariates passed to the models: avg_price (revenue / units; unknown on days without sales), numeric columns of the daily input, or of a 'planned' input."),
            OptionSpec("planned", .list(.string), default: .list([]), doc: "Inputs that plan covariates ahead (date, store, product and e.g. promo): known on every day they list, past the history too; an unlisted day is 0 up to their last day."),
            OptionSpec("catalog", .string, doc: "Catalogue YAML whose stores may name their holiday calendar (calendar: GB)."),
        ] + StoreCalendars.options,
        factory: makeTransform
    )

    static func model(_ kind: ModelKind) -> PluginRegistration {
        PluginRegistration(
            kind: .model, type: kind.rawValue, summary: summary(kind),
            options: [
                OptionSpec("level", .double, default: .double(0.8), range: .doubles(0.01...0.99), doc: "Nominal coverage of the prediction intervals (0 to 1)."),
                OptionSpec("backtest_origins", .int, default: .int(3), range: .ints(1...52), doc: "Rolling origins used to choose models and calibrate intervals."),
            ] + (kind == .auto ? [
                OptionSpec("ensemble", .bool, default: .bool(true), doc: "Allow averaging the two best models when that backtests clearly better."),
                OptionSpec("pooled", .bool, default: .bool(true), doc: "Also consider the pooled model (and its average with the per-series choice) per series."),
            ] : []),
            factory: { context in
                var configuration = ForecastConfiguration(model: kind, level: context.options.double(defaulted: "level"))
                guard configuration.level > 0, configuration.level < 1 else { throw StageBuildError(option: "level", "must be between 0 and 1, like 0.8") }
                configuration.calibrationOrigins = context.options.int(defaulted: "backtest_origins")
                guard configuration.calibrationOrigins >= 1 else { throw StageBuildError(option: "backtest_origins", "must be at least 1") }
                if kind == .auto {
                    configuration.ensemble = context.options.bool(defaulted: "ensemble")
                    configuration.pooledInAuto = context.options.bool(defaulted: "pooled")
                }
                return .model(ForecastModelStage(configuration: configuration))
            }
        )
    }

    static func summary(_ kind: ModelKind) -> String {
        switch kind {
        case .additive: "Prophet-like: piecewise-linear trend, weekly and yearly seasonality, holidays; penalised least squares"
        case .ets: "Exponential smoothing, additive or multiplicative weekly season, damped trend, chosen by AICc"
        case .seasonalNaive: "The value seven days earlier"
        case .croston: "Croston's method for intermittent demand"
        case .tsb: "Teunter–Syntetos–Babai method for intermittent demand"
        case .level: "The mean of the last week"
        case .pooled: "One gradient-boosted tree model (XGBoost) across all series: lags, rolling statistics, calendar, holidays, covariates"
        case .auto: "Per series: classify demand, pick (or average) per-series models and the pooled one by backtest"
        }
    }

    /// The derived covariate: the day's average selling price (revenue / units).
    static let averagePrice = "avg_price"

    static func makeTransform(_ context: StageBuildContext) throws -> BuiltStage {
        let plannedIds = context.options.strings(defaulted: "planned")
        for id in plannedIds where !context.inputs.contains(where: { $0.id == id }) {
            throw StageBuildError(option: "planned", "'\(id)' is not one of the inputs (\(context.inputs.map(\.id).joined(separator: ", ")))")
        }
        let dailyInputs = context.inputs.filter { !plannedIds.contains($0.id) }
        guard let schema = dailyInputs.first?.schema else { throw StageBuildError(option: "inputs", "needs an input of daily totals besides the planned ones") }
        for input in dailyInputs.dropFirst() where input.schema != schema {
            throw StageBuildError(option: "inputs", "inputs '\(dailyInputs[0].id)' \(schema) and '\(input.id)' \(input.schema) have different columns")
        }
        if let kind = schema.kind, StarSchema.additiveKinds.contains(kind) {
            throw StageBuildError(option: "inputs", "input is \(kind), changes since the last emit per partition: a forecast needs whole daily totals (an aggregate_sales with emit: totals)")
        }
        func column(_ option: String, _ types: [ColumnType], in schema: Schema = schema, input: String = "input") throws -> Int {
            let name = context.options.string(option) ?? ""
            guard let index = schema.index(of: name) else {
                var message = "\(input) has no column '\(name)' (it has: \(schema.fields.map(\.name).joined(separator: ", ")))"
                if let suggestion = EditDistance.suggestion(for: name, among: schema.fields.map(\.name)) { message += "; did you mean '\(suggestion)'?" }
                throw StageBuildError(option: option, message)
            }
            guard types.contains(schema.fields[index].type) else {
                throw StageBuildError(option: option, "column '\(name)' is \(schema.fields[index].type); expected \(types.map(\.rawValue).joined(separator: " or "))")
            }
            return index
        }
        let columns = (
            date: try column("date_column", [.date]), store: try column("store_column", [.string]),
            product: try column("product_column", [.string]), units: try column("units_column", [.int, .double])
        )
        var configuration = ForecastConfiguration()
        if let id = context.options.string("model") {
            guard let model = context.models[id] else { throw StageBuildError(option: "model", "no model '\(id)' in the models: section") }
            guard let forecastModel = model as? ForecastModelStage else {
                throw StageBuildError(option: "model", "model '\(id)' is a \(model.modelType), not a forecasting model")
            }
            configuration = forecastModel.configuration
        }
        // Each covariate comes from the daily rows, or from the planned inputs that have it.
        let numericTypes: [ColumnType] = [.int, .double]
        let planned = context.inputs.enumerated().filter { plannedIds.contains($0.element.id) }
        var covariates: [(name: String, source: CovariateSource)] = []
        var plannedNames: [String] = []
        var planColumns: [Int: [(covariate: Int, column: Int)]] = [:]
        for name in context.options.strings(defaulted: "covariates") {
            guard !covariates.contains(where: { $0.name == name }), !plannedNames.contains(name) else { throw StageBuildError(option: "covariates", "'\(name)' is listed twice") }
            let plannedBy = planned.filter { _, input in input.schema.index(of: name).map { numericTypes.contains(input.schema.fields[$0].type) } ?? false }
            if !plannedBy.isEmpty {
                for (position, input) in plannedBy { planColumns[position, default: []].append((plannedNames.count, input.schema.index(of: name)!)) }
                plannedNames.append(name)
            } else if name == Self.averagePrice, schema.index(of: name) == nil {
                covariates.append((name, .averagePrice(revenue: try column("revenue_column", numericTypes), units: columns.units)))
            } else if let index = schema.index(of: name), numericTypes.contains(schema.fields[index].type) {
                covariates.append((name, .column(index)))
            } else {
                let numeric = [Self.averagePrice] + (dailyInputs.prefix(1) + planned.map(\.element)).flatMap { $0.schema.fields.filter { numericTypes.contains($0.type) }.map(\.name) }
                var message = "covariate '\(name)' is neither \(Self.averagePrice) nor a numeric column of the inputs (numeric: \(numeric.joined(separator: ", ")))"
                if let suggestion = EditDistance.suggestion(for: name, among: numeric) { message += "; did you mean '\(suggestion)'?" }
                throw StageBuildError(option: "covariates", message)
            }
        }
        var plans: [Int: PlanInput] = [:]
        for (position, input) in planned {
            plans[position] = PlanInput(
                date: try column("date_column", [.date], in: input.schema, input: "planned input '\(input.id)'"),
                store: try column("store_column", [.string], in: input.schema, input: "planned input '\(input.id)'"),
                product: try column("product_column", [.string], in: input.schema, input: "planned input '\(input.id)'"),
                columns: planColumns[position] ?? []
            )
        }
        let horizon = context.options.int(defaulted: "horizon_days")
        let maxHistory = context.options.int(defaulted: "max_history_days")
        let transform = ForecastTransform(
            columns: columns, configuration: configuration, horizon: horizon,
            schedule: try RetrainSchedule(parsing: context.options.string(defaulted: "retrain")),
            minimumInterval: context.options.duration(defaulted: "retrain_min_interval"), maxHistoryDays: maxHistory,
            timeZone: try context.stageTimeZone() ?? context.siteTimeZone,
            calendars: try context.storeCalendars(), covariates: covariates, plannedNames: plannedNames, plans: plans
        )
        return .transform(transform, output: RecordKind.forecast, ports: ["metrics": RecordKind.modelMetrics])
    }
}
