import EdgeCore

/// A batch read by Connector/C as the "file" of `LOAD DATA LOCAL INFILE`: rows are encoded
/// (``LoadDataEncoder``) as the client library asks for more, so the server loads the first rows
/// while the next are encoded.
final class LoadDataStream {
    private let batch: RecordBatch
    private var row = 0
    private var pending: [UInt8] = []
    private var offset = 0

    init(_ batch: RecordBatch) {
        self.batch = batch
    }

    /// Copies up to `capacity` bytes into `buffer`; returns how many, 0 at the end of the batch.
    func read(into buffer: UnsafeMutableRawPointer, capacity: Int) -> Int {
        if offset == pending.count {
            pending.removeAll(keepingCapacity: true)
            offset = 0
            while pending.count < capacity, row < batch.count {
                LoadDataEncoder.append(batch, row: row, to: &pending)
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
