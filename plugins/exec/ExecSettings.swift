import EdgeCore
import Logging

/// What an exec stage needs to run its child: the command, the plugin's options, timeouts and
/// the restart policy.
struct ExecSettings: Sendable {
    var stage: String
    var kind: StageKind
    var command: [String]
    var directory: String
    /// The manifest's options as configured, sent to the child in `hello`.
    var options: [(String, OptionValue)]
    var timeout: Duration
    var gracePeriod: Duration
    var maxLineBytes: Int
    var restart: RestartPolicy
    var logger: Logger

    /// The `hello` line the agent sends first.
    var helloLine: String {
        let fields = options.map { ($0.0, Self.json($0.1)) }
        return JSONText.object([
            ("type", JSONText.string("hello")), ("protocol", "1"), ("stage", JSONText.string(stage)),
            ("kind", JSONText.string(kind.rawValue)), ("options", JSONText.object(fields)),
        ]) + "\n"
    }

    /// An option value as JSON; durations in seconds.
    static func json(_ value: OptionValue) -> String {
        switch value {
        case .string(let s): JSONText.string(s)
        case .int(let v): String(v)
        case .double(let v): v.isFinite ? String(v) : "null"
        case .bool(let b): String(b)
        case .duration(let d): String(d.seconds)
        case .list(let items): JSONText.array(items.map(json))
        case .map(let entries): JSONText.object(entries.map { ($0.key, json($0.value)) })
        }
    }
}
