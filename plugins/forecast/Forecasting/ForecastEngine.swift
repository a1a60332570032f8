import Foundation

/// Forecasts many series in parallel, one series per task, on all cores by default.
public struct ForecastEngine: Sendable {
    public let configuration: ForecastConfiguration
    /// Number of worker threads.
    public let concurrency: Int

    public init(configuration: ForecastConfiguration = .init(), concurrency: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.configuration = configuration
        self.concurrency = max(1, concurrency)
    }

    /// Validates, fits and forecasts `horizon` days after the end of each series; results are in input order.
    public func run(_ inputs: [SeriesInput], horizon: Int) -> [SeriesResult] {
        let slots = ResultSlots<SeriesResult>(count: inputs.count)
        let configuration = self.configuration
        DispatchQueue.concurrentPerform(iterations: min(concurrency, max(inputs.count, 1))) { _ in
            while let index = slots.claimNext() {
                slots.store(ForecastEngine.forecast(inputs[index], horizon: horizon, configuration: configuration), at: index)
            }
        }
        return slots.results()
    }

    /// Like the synchronous ``run(_:horizon:)``, but keeps the caller's (cooperative) thread free while worker threads run.
    public func run(_ inputs: [SeriesInput], horizon: Int) async -> [SeriesResult] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.run(inputs, horizon: horizon)) }
        }
    }

    static func forecast(_ input: SeriesInput, horizon: Int, configuration: ForecastConfiguration) -> SeriesResult {
        let clock = ContinuousClock()
        let started = clock.now
        let outcome: Result<SeriesResult.Success, ForecastError>
        do throws(ForecastError) {
            let series = try DailySeries(start: input.start, values: input.values)
            let forecaster = try Forecaster.fit(series, horizon: horizon, configuration: configuration)
            outcome = .success(SeriesResult.Success(forecast: forecaster.forecast(horizon: horizon), forecaster: forecaster))
        } catch {
            outcome = .failure(error)
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return SeriesResult(id: input.id, outcome: outcome, fitSeconds: seconds)
    }
}
