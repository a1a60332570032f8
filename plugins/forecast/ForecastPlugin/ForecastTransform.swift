import EdgeCore
import Forecasting
import Foundation
import RetailWarehouse

/// Keeps each store × product series' daily history and covariates (checkpointed), retrains the
/// series with new data on its schedule, using both cores, each store with its holiday calendar,
/// and emits `forecast` rows (`horizon` days after each series' last day, with intervals) on its
/// main output and `model_metrics` rows (backtest accuracy per series, plus one row for the whole
/// run with store and product `all`) on its `metrics` output.
struct ForecastTransform: TransformStage {
    let columns: (date: Int, store: Int, product: Int, units: Int)
    let configuration: ForecastConfiguration
    /// The holiday calendar each store's models use.
    let calendars: StoreCalendars
    /// How each covariate (``SeriesHistory/covariateNames``) is read from an input row.
    let covariates: [CovariateSource]
    /// The inputs (by position) that plan covariates ahead (``SeriesHistory/plannedNames``).
    let plans: [Int: PlanInput]
    let horizon: Int
    let schedule: RetrainSchedule
    let minimumInterval: Duration
    let modelName: String
    /// The calendar of the retrain schedule (the site's zone, or the stage's).
    let calendar: Calendar
    var history: SeriesHistory
    private var batchesSinceTraining = 0
    private var lastTraining: Date?
    private var lastTrainedDay: Int32?

    init(columns: (date: Int, store: Int, product: Int, units: Int), configuration: ForecastConfiguration, horizon: Int,
         schedule: RetrainSchedule, minimumInterval: Duration, maxHistoryDays: Int, timeZone: TimeZone,
         calendars: StoreCalendars = StoreCalendars(), covariates: [(name: String, source: CovariateSource)] = [],
         plannedNames: [String] = [], plans: [Int: PlanInput] = [:]) {
        self.columns = columns
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
        self.configuration = configuration
        self.calendars = calendars
        self.covariates = covariates.map(\.source)
        self.plans = plans
        self.horizon = horizon
        self.schedule = schedule
        self.minimumInterval = minimumInterval
        self.modelName = configuration.model.rawValue
        self.history = SeriesHistory(maxDays: maxHistoryDays, covariateNames: covariates.map(\.name), plannedNames: plannedNames)
    }

    mutating func process(_ batch: RecordBatch, input: Int, context: StageContext) async throws -> [RecordBatch] {
        if let plan = plans[input] {
            record(plan: plan, batch)
        } else {
            record(batch)
            batchesSinceTraining += 1
        }
        return []
    }

    /// Adds a batch of a plan input (e.g. promotions) to the planned covariates.
    mutating func record(plan: PlanInput, _ batch: RecordBatch) {
        let dates = batch.columns[plan.date], stores = batch.columns[plan.store], products = batch.columns[plan.product]
        guard case .date(let days) = dates.values, case .string(let storeIds) = stores.values, case .string(let productIds) = products.values else { return }
        for row in 0..<batch.count where !dates.isNull(row) {
            let store = stores.isNull(row) ? StarSchema.unknownMember : storeIds[row]
            let product = products.isNull(row) ? StarSchema.unknownMember : productIds[row]
            for (covariate, column) in plan.columns {
                history.plan(store: store, product: product, day: days[row], covariate: covariate, value: CovariateSource.number(batch.columns[column], row))
            }
        }
    }

    /// Adds a batch of daily totals (and their covariates) to the history.
    mutating func record(_ batch: RecordBatch) {
        let dates = batch.columns[columns.date], stores = batch.columns[columns.store]
        let products = batch.columns[columns.product], units = batch.columns[columns.units]
        guard case .date(let days) = dates.values, case .string(let storeIds) = stores.values, case .string(let productIds) = products.values else { return }
        for row in 0..<batch.count where !dates.isNull(row) && !units.isNull(row) {
            let value: Double
            switch units.values {
            case .double(let v): value = v[row]
            case .int(let v): value = Double(v[row])
            default: continue
            }
            let store = stores.isNull(row) ? StarSchema.unknownMember : storeIds[row]
            let product = products.isNull(row) ? StarSchema.unknownMember : productIds[row]
            history.set(store: store, product: product, day: days[row], value: value, covariates: covariates.map { $0.value(in: batch, row: row) })
        }
    }

    /// At a checkpoint: trains when the schedule says so (never during `run --once`, which trains
    /// once at the end on everything it read).
    mutating func flush(_ context: StageContext) async throws -> [RecordBatch] {
        guard context.mode == .continuous, isDue(now: Date()) else { return [] }
        return await train(context)
    }

    mutating func finish(_ context: StageContext) async throws -> [RecordBatch] {
        context.mode == .once ? await train(context) : []
    }

    func isDue(now: Date) -> Bool {
        guard history.series.contains(where: \.changed) else { return false }
        switch schedule {
        case .onNewDays:
            guard let last = history.lastDay, last > (lastTrainedDay ?? .min) else { return false }
            guard let lastTraining else { return true }
            return now.timeIntervalSince(lastTraining) >= Double(minimumInterval.components.seconds)
        case .everyBatches(let count):
            return batchesSinceTraining >= count
        case .cron(let expression):
            return expression.matchesBetween(lastTraining ?? now.addingTimeInterval(-60), now, calendar: calendar)
        }
    }

    /// Fits every changed series and turns the results into rows.
    mutating func train(_ context: StageContext) async -> [RecordBatch] {
        let changed = history.series.filter(\.changed)
        guard !changed.isEmpty else { return [] }
        let trainedAt = Date()
        // A day without a row is a day without sales: every series runs to the last day seen.
        let lastDay = history.lastDay ?? 0
        let inputs = seriesInputs(changed, lastDay: lastDay)
        let clock = ContinuousClock.now
        // One engine per calendar: the models give each of its holidays' days an effect.
        var results: [Int: SeriesResult] = [:]
        let byCalendar = Dictionary(grouping: changed.indices) { calendars.calendar(ofStore: changed[$0].store) }
        for (calendar, positions) in byCalendar.sorted(by: { $0.key.name < $1.key.name }) {
            var configuration = configuration
            configuration.additive.holidays = calendar.holidays
            // The unchanged series of the calendar still teach the pooled model.
            let unchanged = seriesInputs(history.series.filter { !$0.changed && calendars.calendar(ofStore: $0.store) == calendar }, lastDay: lastDay)
            let groupResults = await ForecastEngine(configuration: configuration).run(positions.map { inputs[$0] }, horizon: horizon, context: unchanged)
            for (position, result) in zip(positions, groupResults) { results[position] = result }
            if let failure = groupResults.lazy.compactMap(\.pooledFailure).first {
                context.logger.warning("auto forecasts without the pooled model", metadata: ["calendar": "\(calendar.name)", "error": "\(failure)"])
            }
        }
        let elapsed = ContinuousClock.now - clock
        var rows = ForecastRows(trainedAt: Int64(trainedAt.timeIntervalSince1970 * 1_000_000), modelName: modelName, horizon: horizon)
        for (position, entry) in changed.enumerated() {
            guard let result = results[position] else { continue }
            switch result.outcome {
            case .success(let success):
                rows.add(store: entry.store, product: entry.product, success: success, trainingDays: Int(lastDay - entry.start) + 1, fitSeconds: result.fitSeconds)
            case .failure(let error):
                context.logger.warning("series not forecast", metadata: ["store": "\(entry.store)", "product": "\(entry.product)", "error": "\(error)"])
                context.deadLetter(["reason": "cannot forecast: \(error)", "store_id": entry.store, "product_id": entry.product, "code": error.code.rawValue])
            }
        }
        context.logger.info("forecast trained", metadata: [
            "series": "\(changed.count)", "failed": "\(changed.count - rows.seriesCount)",
            "seconds": "\(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)",
        ])
        history.markTrained()
        lastTraining = trainedAt
        lastTrainedDay = history.lastDay
        batchesSinceTraining = 0
        return rows.batches()
    }

    /// The engine's inputs for `changed` series, each run to `lastDay` (a day without a row sold
    /// nothing), with its covariates by name (NaN on days without a row) and its planned ones
    /// (through the plans' last day, past `lastDay` when they run further).
    func seriesInputs(_ changed: [SeriesHistory.Series], lastDay: Int32) -> [SeriesInput] {
        changed.map { series in
            let padding = Int(lastDay - series.end)
            var covariates: [String: [Double]] = [:]
            for (name, values) in zip(history.covariateNames, series.covariates) { covariates[name] = values + repeatElement(.nan, count: padding) }
            for (covariate, name) in history.plannedNames.enumerated() { covariates[name] = history.plannedValues(covariate, of: series, through: lastDay) }
            return SeriesInput(id: SeriesHistory.key(series.store, series.product), start: Int(series.start),
                               values: series.values + repeatElement(0, count: padding), covariates: covariates)
        }
    }

    func snapshot() throws -> [UInt8]? { history.encoded() }

    mutating func restore(_ state: [UInt8]) throws {
        history = try SeriesHistory(decoding: state, maxDays: history.maxDays, covariateNames: history.covariateNames, plannedNames: history.plannedNames)
    }
}
