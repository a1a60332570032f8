import EdgeCore
import Foundation

/// Shows rows/s, bytes read and an ETA on stderr while a run goes, only on a terminal.
struct ProgressReporter: Sendable {
    let metrics: [StageMetrics]
    let enabled: Bool

    func run() async {
        guard enabled else { return }
        let sources = metrics.filter { $0.kind == .source }
        let started = ContinuousClock.now
        var shown = false
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(250))
            let snapshots = sources.map(\.snapshot)
            let rows = snapshots.reduce(0) { $0 + $1.recordsOut }
            let bytes = snapshots.reduce(0) { $0 + $1.bytesIn }
            let expected = snapshots.reduce(0) { $0 + $1.bytesExpected }
            let files = snapshots.reduce(0) { $0 + $1.filesDone }
            let elapsed = (ContinuousClock.now - started).seconds
            var line = "\r\u{1B}[K\(Summary.grouped(rows)) rows, \(files) files, \(Summary.grouped(Int(Double(rows) / max(elapsed, 0.001)))) rows/s"
            if expected > 0 {
                let fraction = min(1, Double(bytes) / Double(expected))
                line += String(format: ", %.0f%% of %.1f MB", fraction * 100, Double(expected) / 1e6)
                if fraction > 0.01, fraction < 1 { line += String(format: ", ETA %.0fs", elapsed / fraction - elapsed) }
            }
            FileHandle.standardError.write(Data(line.utf8))
            shown = true
        }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
