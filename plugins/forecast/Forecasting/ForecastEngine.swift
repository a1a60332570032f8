import Foundation

/// Forecasts many series: first the pooled model across all of them (when the configuration's model is
/// `pooled`, or `auto` with ``ForecastConfiguration/pooledInAuto``), then each series in parallel, one
/// series per task, on all cores by default.
public struct ForecastEngine: Sendable {
    public let configuration: ForecastConfiguration
    /// Number of worker threads.
    public let concurrency: Int

    public init(configuration: ForecastConfiguration = .init(), concurrency: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.configuration = configuration
        self.concurrency = max(1, concurrency)
    }

    /// Validates, fits and forecasts `horizon` days after the end of each series; results are in input order.
    /// `context` series are not forecast but teach the pooled model too (the series that did not change).
    public func run(_ inputs: [SeriesInput], horizon: Int, context: [SeriesInput] = []) -> [SeriesResult] {
        let clock = ContinuousClock(), started = clock.now
        let pooled = pooledCandidates(inputs, context: context, horizon: horizon)
        let pooledSeconds = ForecastEngine.seconds(clock.now - started) / Double(max(inputs.count, 1))
        let slots = ResultSlots<SeriesResult>(count: inputs.count)
        let configuration = self.configuration
        DispatchQueue.concurrentPerform(iterations: min(concurrency, max(inputs.count, 1))) { _ in
            while let index = slots.claimNext() {
                let candidate: Result<PooledCandidate?, ForecastError> = pooled.map { $0[index] }
                slots.store(ForecastEngine.forecast(inputs[index], horizon: horizon, configuration: configuration, pooled: candidate,
                                                    sharedSeconds: pooledSeconds), at: index)
            }
        }
        return slots.results()
    }

    /// The pooled model's candidate per input (nil for an input that is not a valid series), or its failure;
    /// no candidates when the configuration does not use the pooled model.
    func pooledCandidates(_ inputs: [SeriesInput], context: [SeriesInput], horizon: Int) -> Result<[PooledCandidate?], ForecastError> {
        guard configuration.model == .pooled || (configuration.model == .auto && configuration.pooledInAuto) else {
            return .success(Array(repeating: nil, count: inputs.count))
        }
        var pooledInputs: [PooledModel.Input] = [], positions: [Int?] = []
        for input in inputs + context {
            guard let series = try? DailySeries(start: input.start, values: input.values).droppingLaunchZeros() else {
                positions.append(nil)
                continue
            }
            let skipped = series.start - input.start
            positions.append(pooledInputs.count)
            pooledInputs.append(PooledModel.Input(series: series, covariates: input.covariates.mapValues { Array($0.dropFirst(skipped)) }))
        }
        guard horizon >= 1, !pooledInputs.isEmpty else { return .success(Array(repeating: nil, count: inputs.count)) }
        do throws(ForecastError) {
            let candidates = try PooledModel.fit(pooledInputs, horizon: horizon, configuration: configuration)
            return .success(positions.prefix(inputs.count).map { $0.map { candidates[$0] } })
        } catch {
            return .failure(error)
        }
    }

    /// Like the synchronous ``run(_:horizon:)``, but keeps the caller's (cooperative) thread free while worker threads run.
    public func run(_ inputs: [SeriesInput], horizon: Int, context: [SeriesInput] = []) async -> [SeriesResult] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.run(inputs, horizon: horizon, context: context)) }
        }
    }

    /// Fits one series; `sharedSeconds` (its share of the pooled model's time) counts in its fit time. Without
    /// the pooled model, `auto` goes on with the per-series models and `pooled` fails with its error.
    static func forecast(_ input: SeriesInput, horizon: Int, configuration: ForecastConfiguration,
                         pooled: Result<PooledCandidate?, ForecastError> = .success(nil), sharedSeconds: Double = 0) -> SeriesResult {
        let clock = ContinuousClock()
        let started = clock.now
        let outcome: Result<SeriesResult.Success, ForecastError>
        do throws(ForecastError) {
            let series = try DailySeries(start: input.start, values: input.values)
            if case .failure(let error) = pooled, configuration.model == .pooled { throw error }
            let forecaster = try Forecaster.fit(series, horizon: horizon, configuration: configuration, pooled: try? pooled.get())
            outcome = .success(SeriesResult.Success(forecast: forecaster.forecast(horizon: horizon), forecaster: forecaster))
        } catch {
            outcome = .failure(error)
        }
        var result = SeriesResult(id: input.id, outcome: outcome, fitSeconds: seconds(clock.now - started) + sharedSeconds)
        if case .failure(let error) = pooled, configuration.model == .auto { result.pooledFailure = error }
        return result
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
