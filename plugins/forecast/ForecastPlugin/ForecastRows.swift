import EdgeCore
import Forecasting
import RetailWarehouse

/// Collects one training run's results as `forecast` and `model_metrics` batches.
struct ForecastRows {
    let trainedAt: Int64
    let modelName: String
    let horizon: Int
    private(set) var seriesCount = 0
    private var forecast = RecordKind.forecast.fields.map { ColumnBuilder(type: $0.type) }
    private var metrics = RecordKind.modelMetrics.fields.map { ColumnBuilder(type: $0.type) }
    private var validations: [ForecastMetrics] = []
    private var trainingDays = 0
    private var fitSeconds = 0.0

    init(trainedAt: Int64, modelName: String, horizon: Int) {
        self.trainedAt = trainedAt
        self.modelName = modelName
        self.horizon = horizon
    }

    /// The model that produced a forecast: its components joined by `+` (`additive+ets`).
    static func name(of forecaster: Forecaster) -> String {
        forecaster.components.map(\.kind.rawValue).joined(separator: "+")
    }

    mutating func add(store: String, product: String, success: SeriesResult.Success, trainingDays days: Int, fitSeconds seconds: Double) {
        seriesCount += 1
        let model = Self.name(of: success.forecaster)
        let version = "\(modelName)/\(success.forecaster.version)"
        let predicted = success.forecast
        for step in 0..<predicted.horizon {
            forecast[0].append(string: store)
            forecast[1].append(string: product)
            forecast[2].append(date: Int32(predicted.start + step))
            forecast[3].append(double: predicted.mean[step])
            forecast[4].append(double: predicted.lower[step])
            forecast[5].append(double: predicted.upper[step])
            forecast[6].append(string: model)
            forecast[7].append(string: version)
            forecast[8].append(int: trainedAt)
            forecast[9].append(int: Int64(step + 1)) // horizon_days: days after the last day of history
        }
        appendMetrics(store: store, product: product, model: model, success.forecaster.validation, trainingDays: days, fitMilliseconds: seconds * 1000)
        if let validation = success.forecaster.validation { validations.append(validation) }
        trainingDays += days
        fitSeconds += seconds
    }

    private mutating func appendMetrics(store: String, product: String, model: String, _ validation: ForecastMetrics?, trainingDays: Int, fitMilliseconds: Double) {
        let values: [Double?] = [
            validation?.meanAbsoluteError, validation?.rootMeanSquaredError, validation?.rSquared,
            validation?.symmetricMAPE, validation?.meanAbsoluteScaledError, validation?.coverage,
        ]
        metrics[0].append(int: trainedAt)
        metrics[1].append(string: store)
        metrics[2].append(string: product)
        metrics[3].append(string: model)
        for (offset, value) in values.enumerated() {
            if let value, value.isFinite { metrics[4 + offset].append(double: value) } else { metrics[4 + offset].appendNull() }
        }
        metrics[10].appendNull() // accuracy: classification only
        metrics[11].appendNull() // macro_f1
        metrics[12].append(int: Int64(trainingDays))
        metrics[13].append(double: fitMilliseconds)
        for index in 14..<metrics.count { metrics[index].appendNull() } // per-class F1: classifiers only
    }

    /// The forecasts, then the metrics with the run's global row (means over the series that had
    /// a backtest; RMSE as the root of the mean square).
    mutating func batches() -> [RecordBatch] {
        guard seriesCount > 0 else { return [] }
        let validations = self.validations
        func mean(_ value: (ForecastMetrics) -> Double) -> Double {
            let values = validations.map(value).filter(\.isFinite)
            return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        }
        let global: [Double?] = validations.isEmpty ? Array(repeating: nil, count: 6) : [
            mean(\.meanAbsoluteError), mean { $0.rootMeanSquaredError * $0.rootMeanSquaredError }.squareRoot(),
            mean(\.rSquared), mean(\.symmetricMAPE), mean(\.meanAbsoluteScaledError), mean(\.coverage),
        ]
        metrics[0].append(int: trainedAt)
        metrics[1].append(string: StarSchema.allMember)
        metrics[2].append(string: StarSchema.allMember)
        metrics[3].append(string: modelName)
        for (offset, value) in global.enumerated() {
            if let value, value.isFinite { metrics[4 + offset].append(double: value) } else { metrics[4 + offset].appendNull() }
        }
        metrics[10].appendNull()
        metrics[11].appendNull()
        metrics[12].append(int: Int64(trainingDays))
        metrics[13].append(double: fitSeconds * 1000)
        for index in 14..<metrics.count { metrics[index].appendNull() }
        return [
            RecordBatch(schema: RecordKind.forecast, columns: forecast.indices.map { forecast[$0].finish() }),
            RecordBatch(schema: RecordKind.modelMetrics, columns: metrics.indices.map { metrics[$0].finish() }),
        ]
    }
}
