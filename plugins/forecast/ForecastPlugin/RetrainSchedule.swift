import EdgeCore
import Foundation

/// When the `forecast` transform retrains, from its `retrain` option:
/// - `on new days` (default): when a later day than at the last training has arrived, at most
///   every `retrain_min_interval`;
/// - `daily at HH:MM` (local time), or a five-field cron expression (`30 2 * * *`): at the first
///   checkpoint after a matching minute;
/// - `every N batches`: after N input batches.
/// Series without new data are never retrained. `run --once` always trains at the end.
enum RetrainSchedule: Sendable, Equatable {
    case onNewDays
    case cron(CronExpression)
    case everyBatches(Int)

    init(parsing text: String) throws {
        let words = text.lowercased().split(separator: " ").map(String.init)
        if words.isEmpty || words == ["on", "new", "days"] {
            self = .onNewDays
            return
        }
        switch words.first {
        case "daily" where words.count == 3 && words[1] == "at":
            let parts = words[2].split(separator: ":").compactMap { Int($0) }
            guard parts.count == 2, (0..<24).contains(parts[0]), (0..<60).contains(parts[1]) else {
                throw StageBuildError(option: "retrain", "'\(text)': the time must be HH:MM, like 'daily at 02:00'")
            }
            self = .cron(try CronExpression("\(parts[1]) \(parts[0]) * * *"))
        case "every" where words.count == 3 && words[2].hasPrefix("batch"):
            guard let count = Int(words[1]), count > 0 else { throw StageBuildError(option: "retrain", "'\(text)': N must be a positive number") }
            self = .everyBatches(count)
        default:
            do {
                self = .cron(try CronExpression(text))
            } catch {
                throw StageBuildError(option: "retrain", "'\(text)' is not 'on new days', 'daily at HH:MM', 'every N batches' or a cron expression (\(error))")
            }
        }
    }
}
