/// Any fitted model, as one Codable value.
public enum FittedModel: Sendable, Codable {
    case additive(AdditiveModel)
    case ets(ETSModel)
    case seasonalNaive(SeasonalNaiveModel)
    case croston(CrostonModel)
    case tsb(TSBModel)
    case level(LevelModel)
    case pooled(PooledForecast)

    public var kind: ModelKind {
        switch self {
        case .additive: .additive
        case .ets: .ets
        case .seasonalNaive: .seasonalNaive
        case .croston: .croston
        case .tsb: .tsb
        case .level: .level
        case .pooled: .pooled
        }
    }

    public var model: any ForecastModel {
        switch self {
        case .additive(let model): model
        case .ets(let model): model
        case .seasonalNaive(let model): model
        case .croston(let model): model
        case .tsb(let model): model
        case .level(let model): model
        case .pooled(let model): model
        }
    }

    /// Fits `kind` to the whole series and forecasts `horizon` days from each of `origins` (prefix lengths)
    /// using only the data before it; `auto` is not a single model and is rejected.
    static func fit(_ kind: ModelKind, _ series: DailySeries, configuration: ForecastConfiguration,
                    origins: [Int], horizon: Int) throws(ForecastError) -> (model: FittedModel, originForecasts: [[Double]]) {
        switch kind {
        case .additive:
            let fitted = AdditiveModel.fit(series, configuration: configuration.additive, origins: origins, horizon: horizon)
            return (.additive(fitted.model), fitted.originForecasts)
        case .ets:
            let fitted = ETSModel.fit(series, candidates: configuration.etsCandidates, maximumHistoryDays: configuration.etsMaximumHistoryDays,
                                      origins: origins, horizon: horizon)
            return (.ets(fitted.model), fitted.originForecasts)
        case .seasonalNaive:
            var forecasts: [[Double]] = []
            for origin in origins { forecasts.append(try SeasonalNaiveModel.fit(series.prefix(origin)).predict(horizon: horizon)) }
            return (.seasonalNaive(try SeasonalNaiveModel.fit(series)), forecasts)
        case .croston:
            return (.croston(CrostonModel.fit(series)), origins.map { CrostonModel.fit(series.prefix($0)).predict(horizon: horizon) })
        case .tsb:
            return (.tsb(TSBModel.fit(series)), origins.map { TSBModel.fit(series.prefix($0)).predict(horizon: horizon) })
        case .level:
            return (.level(LevelModel.fit(series)), origins.map { LevelModel.fit(series.prefix($0)).predict(horizon: horizon) })
        case .pooled:
            throw ForecastError(.invalidArgument, "pooled is fitted across series (PooledModel), not per series")
        case .auto:
            throw ForecastError(.invalidArgument, "auto is a selection strategy, not a model")
        }
    }
}
