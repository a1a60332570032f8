import EdgeCore
import Foundation
import RetailCatalog
import RetailWarehouse

/// Registers the `groq_tweets` source.
public enum GroqPlugin {
    public static let registration = PluginRegistration(
        kind: .source, type: "groq_tweets",
        summary: "Synthetic labelled retail tweets from an LLM through Groq's OpenAI-compatible chat API, in a target sentiment mix (record kind tweet)",
        options: [
            OptionSpec("api_key", .string, secret: true, doc: "API key; default $GROQ_API_KEY (or write ${credential:groq_api_key})."),
            OptionSpec("base_url", .string, default: .string("https://api.groq.com/openai/v1"), doc: "The OpenAI-compatible API's base URL."),
            OptionSpec("model", .string, default: .string("llama-3.3-70b-versatile"), doc: "Chat model."),
            OptionSpec("count", .int, default: .int(100), range: .ints(1...1_000_000), doc: "Tweets per run; run --once does one run."),
            OptionSpec("every", .duration, default: .duration(.seconds(3600)), range: .durations(.seconds(1)...Duration.seconds(10 * 365 * 86_400)), doc: "Time between runs when running continuously."),
            OptionSpec("schedule", .string, doc: "A five-field cron expression (local time) for the runs instead of 'every', like '0 */2 * * *'."),
            OptionSpec("mix", .map(.double), doc: "Share per sentiment; default {positive: 0.35, neutral: 0.35, negative: 0.30}."),
            OptionSpec("catalog", .string, default: .string("config/catalog.yaml"), doc: "Catalogue of the products and stores to write about."),
            OptionSpec("batch", .int, default: .int(10), range: .ints(1...100), doc: "Tweets asked for per request."),
            OptionSpec("temperature", .double, default: .double(0.9), range: .doubles(0...2), doc: "Sampling temperature."),
            OptionSpec("max_tokens", .int, default: .int(2048), range: .ints(1...131_072), doc: "Token limit per answer."),
            OptionSpec("timeout", .duration, default: .duration(.seconds(30)), range: .durations(.seconds(1)...Duration.seconds(3600)), doc: "Time limit per request (then retried)."),
            OptionSpec("requests_per_minute", .int, default: .int(30), range: .ints(1...100_000), doc: "Request budget: requests are spaced at least 60/N seconds apart."),
            OptionSpec("tokens_per_day", .int, default: .int(500_000), doc: "Token budget per day; a run stops short when it is spent."),
            OptionSpec("max_attempts", .int, default: .int(6), range: .ints(1...100), doc: "Consecutive failed requests (5xx, timeouts) before the stage fails."),
        ],
        factory: make
    )

    static func make(_ context: StageBuildContext) throws -> BuiltStage {
        let options = context.options
        guard let key = options.string("api_key") ?? ProcessInfo.processInfo.environment["GROQ_API_KEY"], !key.isEmpty else {
            throw StageBuildError(option: "api_key", "set api_key (e.g. ${credential:groq_api_key}) or GROQ_API_KEY")
        }
        let base = options.string(defaulted: "base_url")
        guard let url = URL(string: base), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw StageBuildError(option: "base_url", "'\(base)' is not an http(s) URL")
        }
        var mix: [(label: String, share: Double)] = [("positive", 0.35), ("neutral", 0.35), ("negative", 0.30)]
        if let entries = options.doubleMap("mix") {
            mix = []
            for (label, share) in entries {
                guard ["positive", "neutral", "negative"].contains(label) else { throw StageBuildError(option: "mix", "'\(label)' is not positive, neutral or negative") }
                guard share >= 0 else { throw StageBuildError(option: "mix", "the share of \(label) must be ≥ 0") }
                mix.append((label, share))
            }
            guard mix.reduce(0, { $0 + $1.share }) > 0 else { throw StageBuildError(option: "mix", "the shares add up to 0") }
        }
        let catalog: Catalog
        do {
            catalog = try Catalog.load(path: options.string(defaulted: "catalog"))
        } catch {
            throw StageBuildError(option: "catalog", "\(error)")
        }
        guard !catalog.products.isEmpty else { throw StageBuildError(option: "catalog", "the catalogue has no products to write about") }
        let count = options.int(defaulted: "count")
        guard count >= 1 else { throw StageBuildError(option: "count", "must be at least 1") }
        let rpm = options.int(defaulted: "requests_per_minute")
        let timeout = options.duration(defaulted: "timeout")
        let client = ChatCompletionsClient(
            baseURL: url, apiKey: key, model: options.string(defaulted: "model"),
            temperature: options.double(defaulted: "temperature"), maxTokens: options.int(defaulted: "max_tokens"),
            timeout: Double(timeout.components.seconds) + Double(timeout.components.attoseconds) * 1e-18
        )
        var schedule: CronExpression?
        if let text = options.string("schedule") {
            do {
                schedule = try CronExpression(text)
            } catch {
                throw StageBuildError(option: "schedule", "'\(text)' is not a cron expression: \(error)")
            }
        }
        let settings = GroqTweetSource.Settings(
            count: count, mix: mix, batch: options.int(defaulted: "batch"), every: options.duration(defaulted: "every"), schedule: schedule,
            minimumInterval: .milliseconds(60_000 / rpm), tokensPerDay: options.int(defaulted: "tokens_per_day"),
            maxAttempts: options.int(defaulted: "max_attempts")
        )
        return .source(GroqTweetSource(client: client, catalog: catalog, settings: settings), output: RecordKind.tweet)
    }
}
