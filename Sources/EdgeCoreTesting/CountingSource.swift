import EdgeCore
import Foundation

/// A source emitting `batches` batches of `rows` rows with column `n` counting up from 0;
/// its position is the next `n`, so it resumes exactly after a restart.
public struct CountingSource: SourceStage {
    public static let schema = Schema([Field("n", .int)])
    let batches: Int
    let rows: Int
    let delay: Duration

    public func run(_ context: SourceContext) async throws {
        var next = context.restoredPosition.flatMap { Int(String(decoding: $0, as: UTF8.self)) } ?? 0
        let total = batches * rows
        while next < total, !context.isStopping {
            if delay > .zero { try await Task.sleep(for: delay) }
            let end = min(next + rows, total)
            var column = ColumnBuilder(type: .int, capacity: end - next)
            for n in next..<end { column.append(int: Int64(n)) }
            next = end
            try await context.emit(RecordBatch(schema: Self.schema, columns: [column.finish()]), position: Array(String(next).utf8))
        }
        if context.mode == .continuous {
            while !context.isStopping {
                try await Task.sleep(for: .milliseconds(10))
                try await context.idle(position: Array(String(next).utf8))
            }
        }
    }

    /// Registers type `counting` with options `batches`, `rows` and `delay`.
    public static let registration = PluginRegistration(
        kind: .source, type: "counting", summary: "Counts up (tests)",
        options: [
            OptionSpec("batches", .int, default: .int(10), doc: "Batches to emit."),
            OptionSpec("rows", .int, default: .int(100), doc: "Rows per batch."),
            OptionSpec("delay", .duration, default: .duration(.zero), doc: "Pause before each batch."),
        ]
    ) { context in
        .source(CountingSource(
            batches: context.options.int("batches") ?? 10, rows: context.options.int("rows") ?? 100,
            delay: context.options.duration("delay") ?? .zero
        ), output: schema)
    }
}
