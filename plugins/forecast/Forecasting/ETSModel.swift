import Foundation

/// Exponential smoothing with additive errors, optional damped trend and additive or multiplicative
/// weekly seasonality; smoothing parameters by Nelder–Mead, the variant by AICc.
public struct ETSModel: ForecastModel {
    /// Trend component.
    public enum Trend: String, Sendable, Hashable, Codable, CaseIterable {
        case none
        case damped
    }

    /// Weekly seasonal component.
    public enum Seasonality: String, Sendable, Hashable, Codable, CaseIterable {
        case none
        case additive
        case multiplicative
    }

    /// One ETS variant.
    public struct Specification: Sendable, Hashable, Codable {
        public let trend: Trend
        public let seasonality: Seasonality

        public init(trend: Trend, seasonality: Seasonality) {
            self.trend = trend
            self.seasonality = seasonality
        }

        /// Every trend/seasonality combination.
        public static let all = Trend.allCases.flatMap { trend in Seasonality.allCases.map { Specification(trend: trend, seasonality: $0) } }

        var parameterCount: Int { 1 + (trend == .damped ? 2 : 0) + (seasonality == .none ? 0 : 1) }
        var stateCount: Int { 1 + (trend == .damped ? 1 : 0) + (seasonality == .none ? 0 : ETSModel.period - 1) }
    }

    static let period = 7

    public let version: FormatVersion
    public let forecastStart: Int
    public let specification: Specification
    public let alpha: Double
    public let beta: Double
    public let gamma: Double
    public let phi: Double
    /// Corrected Akaike information criterion on the estimation window.
    public let aicc: Double
    let state: State

    /// Fits every variant in `candidates` the data supports on the last `maximumHistoryDays` and keeps the lowest AICc.
    public static func fit(_ series: DailySeries, candidates: [Specification] = Specification.all, maximumHistoryDays: Int = 365) -> ETSModel {
        fit(series, candidates: candidates, maximumHistoryDays: maximumHistoryDays, origins: [], horizon: 0).model
    }

    public func predict(horizon: Int) -> [Double] {
        state.forecast(horizon: max(0, horizon), specification: specification, phi: phi)
    }

    /// Estimates parameters on the data before the first origin, then filters through the whole series,
    /// forecasting `horizon` days from each origin (prefix length) and from the end.
    static func fit(_ series: DailySeries, candidates: [Specification], maximumHistoryDays: Int, origins: [Int], horizon: Int) -> (model: ETSModel, originForecasts: [[Double]]) {
        let values = series.values
        let estimationEnd = origins.min() ?? values.count
        let windowStart = max(0, estimationEnd - maximumHistoryDays)
        let window = Array(values[windowStart..<estimationEnd])
        let positive = window.allSatisfy { $0 > 0 }
        let usable = candidates.filter { specification in
            (specification.seasonality == .none || window.count >= 2 * period)
                && (specification.trend == .none || window.count >= 10)
                && (specification.seasonality != .multiplicative || positive)
        }
        var best: (specification: Specification, parameters: Parameters, aicc: Double)?
        for specification in usable.isEmpty ? [Specification(trend: .none, seasonality: .none)] : usable {
            let initial = State.initial(window, specification: specification)
            let (point, sse) = NelderMead.minimize(from: Parameters.start(specification), maximumEvaluations: 30 * (specification.parameterCount + 1)) {
                initial.sumOfSquaredErrors(window, specification: specification, parameters: Parameters(unconstrained: $0, specification))
            }
            let n = Double(window.count)
            let k = Double(specification.parameterCount + specification.stateCount)
            let aicc = n * log(max(sse, 1e-12) / n) + 2 * k + (n - k - 1 > 0 ? 2 * k * (k + 1) / (n - k - 1) : 1e9)
            if best == nil || aicc < best!.aicc {
                best = (specification, Parameters(unconstrained: point, specification), aicc)
            }
        }
        let chosen = best!
        var state = State.initial(window, specification: chosen.specification)
        var originForecasts: [[Double]] = []
        for index in windowStart..<values.count {
            if origins.contains(index) {
                originForecasts.append(state.forecast(horizon: horizon, specification: chosen.specification, phi: chosen.parameters.phi))
            }
            _ = state.update(values[index], specification: chosen.specification, parameters: chosen.parameters)
        }
        let model = ETSModel(version: .current, forecastStart: series.end + 1, specification: chosen.specification,
                             alpha: chosen.parameters.alpha, beta: chosen.parameters.beta, gamma: chosen.parameters.gamma,
                             phi: chosen.parameters.phi, aicc: chosen.aicc, state: state)
        return (model, originForecasts)
    }

    /// Smoothing parameters within their admissible region.
    struct Parameters {
        var alpha = 0.2, beta = 0.0, gamma = 0.0, phi = 1.0

        static func start(_ specification: Specification) -> [Double] {
            [-1.4] + (specification.trend == .damped ? [-2.2, 1.5] : []) + (specification.seasonality == .none ? [] : [-2.2])
        }

        /// Maps unconstrained optimiser coordinates to 0 < β < α < 1, 0 < γ < 1 − α, 0.8 ≤ φ ≤ 0.98.
        init(unconstrained point: [Double], _ specification: Specification) {
            func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
            alpha = 0.0001 + 0.9998 * logistic(point[0])
            var next = 1
            if specification.trend == .damped {
                beta = alpha * logistic(point[1]) * 0.999
                phi = 0.8 + 0.18 * logistic(point[2])
                next = 3
            }
            if specification.seasonality != .none {
                gamma = (1 - alpha) * logistic(point[next]) * 0.999
            }
        }
    }

    /// Level, slope and the seasonal indices due next (index 0 is the next day's).
    struct State: Sendable, Hashable, Codable {
        var level: Double
        var slope: Double
        var seasonal: [Double]
        /// Position in `seasonal` of the next day's index.
        var phase = 0

        static func initial(_ values: [Double], specification: Specification) -> State {
            let week = min(values.count, period)
            let level = values.prefix(week).reduce(0, +) / Double(max(week, 1))
            var slope = 0.0
            if specification.trend == .damped, values.count >= 2 * period {
                slope = (values[period..<(2 * period)].reduce(0, +) / Double(period) - level) / Double(period)
            }
            var seasonal = [Double](repeating: specification.seasonality == .multiplicative ? 1 : 0, count: period)
            if specification.seasonality != .none, values.count >= 2 * period {
                let twoWeeks = values.prefix(2 * period).reduce(0, +) / Double(2 * period)
                for day in 0..<period {
                    let average = (values[day] + values[day + period]) / 2
                    seasonal[day] = specification.seasonality == .multiplicative ? average / max(twoWeeks, 1e-9) : average - twoWeeks
                }
                return State(level: twoWeeks - 3.5 * slope, slope: slope, seasonal: seasonal)
            }
            return State(level: level, slope: slope, seasonal: seasonal)
        }

        /// Consumes one observation; returns its one-step error.
        mutating func update(_ value: Double, specification: Specification, parameters: Parameters) -> Double {
            let trended = level + parameters.phi * slope
            let season = seasonal[phase]
            let error: Double
            switch specification.seasonality {
            case .none:
                error = value - trended
                level = trended + parameters.alpha * error
            case .additive:
                error = value - trended - season
                level = trended + parameters.alpha * error
                seasonal[phase] = season + parameters.gamma * error
            case .multiplicative:
                error = value - trended * season
                level = trended + parameters.alpha * error / season
                seasonal[phase] = season + parameters.gamma * error / max(trended, 1e-9)
            }
            if specification.trend == .damped { slope = parameters.phi * slope + parameters.beta * error }
            phase = (phase + 1) % period
            return error
        }

        /// One-step squared errors over `values`, or the largest finite value when the run diverges.
        /// The hot loop of the optimiser: local state, no modulo, no copies.
        func sumOfSquaredErrors(_ values: [Double], specification: Specification, parameters: Parameters) -> Double {
            var level = self.level, slope = self.slope, phase = self.phase, sum = 0.0
            var seasonal = self.seasonal
            let alpha = parameters.alpha, beta = parameters.beta, gamma = parameters.gamma
            let phi = specification.trend == .damped ? parameters.phi : 0
            let damped = specification.trend == .damped
            let seasonality = specification.seasonality
            return seasonal.withUnsafeMutableBufferPointer { seasonal in
                values.withUnsafeBufferPointer { values in
                    for value in values {
                        let trended = level + phi * slope
                        let season = seasonal[phase]
                        let error: Double
                        switch seasonality {
                        case .none:
                            error = value - trended
                            level = trended + alpha * error
                        case .additive:
                            error = value - trended - season
                            level = trended + alpha * error
                            seasonal[phase] = season + gamma * error
                        case .multiplicative:
                            error = value - trended * season
                            level = trended + alpha * error / season
                            seasonal[phase] = season + gamma * error / max(trended, 1e-9)
                            if level <= 0 { return .greatestFiniteMagnitude }
                        }
                        if damped { slope = phi * slope + beta * error }
                        phase += 1
                        if phase == period { phase = 0 }
                        sum += error * error
                    }
                    return sum.isFinite ? sum : .greatestFiniteMagnitude
                }
            }
        }

        func forecast(horizon: Int, specification: Specification, phi: Double) -> [Double] {
            var damping = 0.0, power = 1.0
            return (0..<horizon).map { step in
                if specification.trend == .damped {
                    power *= phi
                    damping += power
                }
                let trended = level + damping * slope
                let season = seasonal[(phase + step) % period]
                let value = switch specification.seasonality {
                case .none: trended
                case .additive: trended + season
                case .multiplicative: trended * season
                }
                return max(0, value)
            }
        }
    }
}
