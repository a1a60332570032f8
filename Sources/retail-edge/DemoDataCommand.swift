import ArgumentParser
import EdgeCore
import Foundation
import RetailCatalog

/// `retail-edge demo-data`: deterministic synthetic transactions for demos, tests and benchmarks.
struct DemoDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "Write synthetic transactions (weekly and yearly seasonality, holidays, promotions, noise, intermittent products) as monthly CSV files."
    )

    @Option(help: "Directory to write into.")
    var out: String

    @Option(help: "Number of stores.")
    var stores = 5

    @Option(help: "Number of products.")
    var products = 20

    @Option(help: "Number of days (two years by default: yearly seasonality and holidays need a year back).")
    var days = 731

    @Option(help: "First day (YYYY-MM-DD).")
    var start = "2024-01-01"

    @Option(help: "Random seed; the same seed gives the same files.")
    var seed: UInt64 = 42

    @Option(help: "Fraction of rows written malformed, to exercise dead letters (0 to 1).")
    var badRows = 0.0

    @Option(help: "Also write the expected units per day, store and product (date,store_id,product_id,units): what a perfect forecast would say.")
    var expectedOut: String?

    @Option(help: "Also write the promoted days (date,store_id,product_id,promo), planned 30 days past the data.")
    var promotionsOut: String?

    @Option(help: "Also write labelled demo tweets (tweets.jsonl, record kind tweet) into this directory.")
    var tweetsOut: String?

    @Option(help: "Number of demo tweets.")
    var tweets = 2000

    @Option(help: "Catalogue whose products and stores the tweets mention.")
    var catalog = "config/catalog.yaml"

    @OptionGroup var output: OutputOptions

    func run() async throws {
        _ = output.bootstrap()
        guard stores > 0, products > 0, days > 0, (0...1).contains(badRows) else {
            throw ValidationError("--stores, --products and --days must be positive and --bad-rows within 0...1")
        }
        var generator = try DemoDataGenerator(stores: stores, products: products, days: days, start: start, seed: seed, badRowFraction: badRows)
        let started = ContinuousClock.now
        let result = try generator.write(to: out, expectedPath: expectedOut, promotionsPath: promotionsOut)
        output.say("retail-edge: wrote \(Summary.grouped(result.rows)) transactions (\(String(format: "%.1f", Double(result.bytes) / 1e6)) MB) in \(result.files) files to \(out) in \(Summary.seconds(ContinuousClock.now - started))")
        if let tweetsOut {
            let sites = try Catalog.load(path: catalog)
            guard let first = FieldParser.parse(start, FieldParser.date) else { throw ValidationError("--start must be YYYY-MM-DD") }
            var tweetGenerator = DemoTweetGenerator(catalog: sites, seed: seed)
            let lines = tweetGenerator.lines(count: tweets, firstDay: first, days: days)
            try FileManager.default.createDirectory(atPath: tweetsOut, withIntermediateDirectories: true)
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: tweetsOut + "/tweets.jsonl"), options: .atomic)
            output.say("retail-edge: wrote \(Summary.grouped(lines.count)) demo tweets to \(tweetsOut)/tweets.jsonl")
        }
    }
}
