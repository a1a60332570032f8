import EdgeCore

/// A batch read by Connector/C as the "file" of `LOAD DATA LOCAL INFILE`: rows are encoded
/// (``LoadDataEncoder``) as the client library asks for more, so the server loads the first rows
/// while the next are encoded.
final class LoadDataStream {
    private let count: Int
    private let encoder: LoadDataEncoder
    private var row = 0
    private var pending: [UInt8] = []
    private var offset = 0

    init(_ batch: RecordBatch) {
        count = batch.count
        encoder = LoadDataEncoder(batch)
    }

    /// Copies up to `capacity` bytes into `buffer`; returns how many, 0 at the end of the batch.
    func read(into buffer: UnsafeMutableRawPointer, capacity: Int) -> Int {
        if offset == pending.count {
            pending.removeAll(keepingCapacity: true)
            offset = 0
            while pending.count < capacity, row < count {
                encoder.append(row: row, to: &pending)
                row += 1
            }
        }
        let count = min(capacity, pending.count - offset)
        guard count > 0 else { return 0 }
        pending.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
        offset += count
        return count
    }
}
