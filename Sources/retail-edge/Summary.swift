import EdgeCore

/// The one-line summary printed at the end of a run.
enum Summary {
    static func line(metrics: [StageMetrics], elapsed: Duration, dataDirectory: String) -> String {
        let snapshots = metrics.map { ($0, $0.snapshot) }
        let rowsIn = snapshots.filter { $0.0.kind == .source }.reduce(0) { $0 + $1.1.recordsOut }
        let rowsOut = snapshots.filter { $0.0.kind == .sink }.reduce(0) { $0 + $1.1.recordsOut }
        let deadLetters = snapshots.reduce(0) { $0 + $1.1.deadLettered }
        let files = snapshots.reduce(0) { $0 + $1.1.filesDone }
        var text = "retail-edge: done in \(seconds(elapsed)): \(grouped(rowsIn)) rows in"
        if files > 0 { text += " from \(files) file\(files == 1 ? "" : "s")" }
        text += ", \(grouped(rowsOut)) rows written, \(grouped(deadLetters)) dead letter\(deadLetters == 1 ? "" : "s")"
        if deadLetters > 0 { text += " (\(dataDirectory)/dead_letter)" }
        let rate = elapsed.seconds > 0 ? Double(rowsIn) / elapsed.seconds : 0
        text += ", \(grouped(Int(rate))) rows/s"
        return text
    }

    static func seconds(_ duration: Duration) -> String {
        let s = duration.seconds
        return s < 10 ? String(format2(s)) + "s" : "\(Int(s.rounded()))s"
    }

    private static func format2(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }
}
