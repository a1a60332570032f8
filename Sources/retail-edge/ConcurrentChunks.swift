import Dispatch
import EdgeCore
import Foundation

/// Splits `0..<count` into contiguous chunks worked on by all cores, and returns what each chunk
/// makes in chunk order: how the text commands read and label a file with every core.
enum ConcurrentChunks {
    /// `body`'s result for each chunk, in order.
    static func map<Chunk: Sendable>(count: Int, _ body: @Sendable (Range<Int>) -> Chunk) -> [Chunk] {
        let chunkCount = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 4, count / 256))
        let results = LockedValue([Chunk?](repeating: nil, count: chunkCount))
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let result = body((count * chunk / chunkCount)..<(count * (chunk + 1) / chunkCount))
            results.withLock { $0[chunk] = result }
        }
        return results.withLock { $0.compactMap { $0 } }
    }

    /// `body`'s text for each chunk, concatenated in order.
    static func joined(count: Int, _ body: @Sendable (Range<Int>) -> String) -> String {
        map(count: count, body).joined()
    }
}
