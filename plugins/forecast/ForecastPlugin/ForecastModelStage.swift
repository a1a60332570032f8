import EdgeCore
import Forecasting

/// A forecasting model from the `models:` section (`auto`, `additive`, `ets`, `seasonal_naive`,
/// `croston`, `tsb`): its configuration, which `forecast` transforms use by the model's id.
struct ForecastModelStage: ModelStage {
    let configuration: ForecastConfiguration
    var modelType: String { configuration.model.rawValue }
}
