import EdgeCore
import Foundation
import RetailCatalog
import RetailWarehouse

/// Generates labelled retail tweets with an LLM through Groq's OpenAI-compatible API. Each run
/// fills a quota per sentiment class from `mix`: it asks for the class with the most missing,
/// keeps what the model returns while that class still needs tweets (whatever the model
/// labelled it), drops duplicates, empty texts and broken answers (counted), and asks again
/// until every quota is met. Rate limits are honoured (`retry-after`), server errors and
/// timeouts retried with backoff and jitter; a refused key stops the stage.
struct GroqTweetSource: SourceStage {
    struct Settings {
        var count: Int
        var mix: [(label: String, share: Double)]
        var batch: Int
        var every: Duration
        var schedule: CronExpression?
        var minimumInterval: Duration
        var tokensPerDay: Int
        var maxAttempts: Int
    }

    let client: ChatCompletionsClient
    let catalog: Catalog
    let settings: Settings

    func run(_ context: SourceContext) async throws {
        var runs = context.restoredPosition.flatMap { Int(String(decoding: $0, as: UTF8.self)) } ?? 0
        var lastRequest = ContinuousClock.now - settings.minimumInterval
        var tokensToday = 0
        repeat {
            try await generate(run: runs, context: context, lastRequest: &lastRequest, tokens: &tokensToday)
            runs += 1
            if context.mode == .once { return }
            let next = ContinuousClock.now + settings.every
            var checked = Date()
            while !context.isStopping {
                if let schedule = settings.schedule {
                    let now = Date()
                    if schedule.matchesBetween(checked, now, calendar: .current) { break }
                    checked = now
                } else if ContinuousClock.now >= next {
                    break
                }
                try await Task.sleep(for: .milliseconds(200))
                try await context.idle(position: Array(String(runs).utf8))
            }
        } while !context.isStopping
    }

    /// One run: `count` tweets in the configured mix, emitted as one batch.
    private func generate(run: Int, context: SourceContext, lastRequest: inout ContinuousClock.Instant, tokens: inout Int) async throws {
        var quota = Self.quotas(count: settings.count, mix: settings.mix)
        var kept: [(GeneratedTweetParser.Candidate, String)] = []
        var seen: Set<String> = []
        var failures = 0
        let productIDs = Set(catalog.products.map(\.id)), storeIDs = Set(catalog.stores.map(\.id))
        while let (label, missing) = quota.filter({ $0.value > 0 }).max(by: { $0.value < $1.value }), !context.isStopping {
            guard tokens < settings.tokensPerDay else {
                context.stage.logger.warning("tokens_per_day reached; the run ends short", metadata: ["tokens": "\(tokens)"])
                break
            }
            let wait = lastRequest + settings.minimumInterval - ContinuousClock.now
            if wait > .zero { try await Task.sleep(for: wait) }
            lastRequest = ContinuousClock.now
            let request = TweetRequest(sentiment: label, count: min(settings.batch, missing), products: catalog.products, stores: catalog.stores)
            let answer: ChatCompletionsClient.Reply
            do {
                let (reply, retryAfter) = try await client.complete(system: TweetRequest.system, prompt: request.prompt)
                if let retryAfter {
                    context.stage.metrics.count("llm_rate_limited")
                    context.stage.logger.info("rate limited; waiting as asked", metadata: ["retry_after_seconds": "\(retryAfter)"])
                    try await Task.sleep(for: .milliseconds(Int(retryAfter * 1000)))
                    continue
                }
                guard let reply else {
                    context.stage.metrics.count("llm_dropped_malformed")
                    continue
                }
                answer = reply
                failures = 0
            } catch let error as GroqError where error.isTransient {
                failures += 1
                context.stage.metrics.retry()
                guard failures < settings.maxAttempts else { throw error }
                let backoff = min(30.0, 0.25 * pow(2, Double(failures - 1))) * Double.random(in: 0.75...1.25)
                context.stage.logger.warning("request failed; retrying", metadata: ["error": "\(error)", "in_seconds": "\(String(format: "%.2f", backoff))"])
                try await Task.sleep(for: .milliseconds(Int(backoff * 1000)))
                continue
            }
            tokens += answer.totalTokens
            context.stage.metrics.count("llm_tokens", answer.totalTokens)
            let (candidates, dropped) = GeneratedTweetParser.parse(answer.content)
            for (reason, number) in dropped { context.stage.metrics.count("llm_dropped_\(reason)", number) }
            for candidate in candidates {
                let key = candidate.text.lowercased().filter { !$0.isWhitespace }
                guard seen.insert(key).inserted else {
                    context.stage.metrics.count("llm_dropped_duplicate")
                    continue
                }
                guard (quota[candidate.sentiment] ?? 0) > 0 else {
                    context.stage.metrics.count("llm_dropped_over_quota")
                    continue
                }
                quota[candidate.sentiment]! -= 1
                var tweet = candidate
                if let id = tweet.productID, !productIDs.contains(id) { tweet.productID = nil }
                if let id = tweet.storeID, !storeIDs.contains(id) { tweet.storeID = nil }
                kept.append((tweet, "groq-\(run)-\(kept.count + 1)-\(Self.shortHash(key))"))
            }
        }
        guard !kept.isEmpty else { return }
        try await context.emit(Self.batch(kept, model: client.model, source: context.stage.id, run: run), position: Array(String(run + 1).utf8))
        context.stage.logger.info("tweets generated", metadata: ["tweets": "\(kept.count)", "tokens": "\(tokens)"])
    }

    /// Tweets per class: `count` split by `mix`, the remainder to the largest shares.
    static func quotas(count: Int, mix: [(label: String, share: Double)]) -> [String: Int] {
        let total = mix.reduce(0) { $0 + $1.share }
        var quota = Dictionary(mix.map { ($0.label, Int(Double(count) * $0.share / total)) }, uniquingKeysWith: +)
        var left = count - quota.values.reduce(0, +)
        for entry in mix.sorted(by: { $0.share > $1.share }) where left > 0 {
            quota[entry.label, default: 0] += 1
            left -= 1
        }
        return quota
    }

    static func shortHash(_ text: String) -> String {
        String(text.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 } & 0xFFFF_FFFF, radix: 16)
    }

    static func batch(_ tweets: [(GeneratedTweetParser.Candidate, String)], model: String, source: String, run: Int) -> RecordBatch {
        let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
        var rows: [[Value]] = []
        for (tweet, id) in tweets {
            rows.append([.string(id), .timestamp(now), .string(tweet.text), .string(tweet.sentiment),
                         tweet.productID.map(Value.string) ?? .null, tweet.storeID.map(Value.string) ?? .null,
                         .string(model), .null, .null])
        }
        var builders = RecordKind.tweet.fields.map { ColumnBuilder(type: $0.type, capacity: rows.count) }
        for row in rows {
            for (index, value) in row.enumerated() { builders[index].append(value) }
        }
        return RecordBatch(schema: RecordKind.tweet, columns: builders.indices.map { builders[$0].finish() },
                           provenance: Provenance(source: source, origin: "groq run \(run)", first: 1, last: Int64(rows.count)))
    }
}
