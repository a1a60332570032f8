import EdgeCore
import Logging

/// One exec stage's conversation with its child: starts it and shakes hands, sends lines,
/// receives the protocol messages (handling `log` and `error` itself), and stops it. Writes
/// block, so the session runs on a dedicated thread.
actor PluginSession {
    let settings: ExecSettings
    /// The columns the child must produce (sources and transforms), checked against `hello`.
    let output: Schema?
    nonisolated let executor: DedicatedThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    private var child: ChildProcess?
    private var nextId = 0
    /// When the child was first seen to have exited while its output stayed open (a process
    /// it started holds it): after ``exitedOutputGrace`` the session ends as if it had closed.
    private var exitedAt: ContinuousClock.Instant?
    static let exitedOutputGrace: Duration = .seconds(1)

    init(settings: ExecSettings, output: Schema?) {
        self.settings = settings
        self.output = output
        self.executor = DedicatedThreadExecutor(name: "exec:\(settings.stage)")
    }

    deinit { executor.shutdown() }

    var isRunning: Bool { child != nil }

    /// A fresh id for the next batch the agent sends.
    func makeId() -> Int {
        nextId += 1
        return nextId
    }

    /// Starts the child and exchanges `hello`.
    func start() async throws(ExecPluginError) {
        let child = try ChildProcess.spawn(command: settings.command, directory: settings.directory, maxLineBytes: settings.maxLineBytes, logger: settings.logger)
        self.child = child
        exitedAt = nil
        settings.logger.info("plugin started", metadata: ["pid": "\(child.pid)", "command": "\(settings.command.joined(separator: " "))"])
        try send(settings.helloLine)
        guard let hello = try await receive(timeout: settings.timeout) else {
            throw ExecPluginError(.timeout, "plugin did not answer hello within \(settings.timeout.seconds)s")
        }
        guard hello["type"]?.string == "hello" else {
            throw ExecPluginError(.protocolViolation, "plugin answered \(hello.jsonText) to hello; expected {\"type\":\"hello\",\"protocol\":1}")
        }
        guard hello["protocol"]?.integer == 1 else {
            throw ExecPluginError(.protocolViolation, "plugin speaks protocol \(hello["protocol"]?.jsonText ?? "(none)"); the agent speaks 1")
        }
        if let announced = hello["output"], let output {
            let columns: [(String, String)] = {
                guard case .object(let entries) = announced else { return [] }
                return entries.map { ($0.key, $0.value.string ?? "") }
            }()
            let expected = output.fields.map { ($0.name, $0.type.rawValue + ($0.nullable ? "?" : "")) }
            guard columns.map(\.0) == expected.map(\.0), columns.map(\.1) == expected.map(\.1) else {
                throw ExecPluginError(.wrongColumns, "plugin announces output \(announced.jsonText) but the stage was built with \(output); update plugin.yaml's output")
            }
        }
    }

    /// Writes one line (ending in a newline) within the timeout.
    func send(_ line: String) throws(ExecPluginError) {
        guard let child else { throw ExecPluginError(.exited, "plugin is not running") }
        try child.write(Array(line.utf8), deadline: .now + settings.timeout)
    }

    /// The next protocol message, `nil` when none came within `timeout`. `log` messages go to
    /// the log and non-fatal `error` messages to the log and metrics; throws when the child
    /// ended, wrote a bad line or reported a fatal error.
    func receive(timeout: Duration, metrics: StageMetrics? = nil) async throws(ExecPluginError) -> JSONValue? {
        guard let child else { throw ExecPluginError(.exited, "plugin is not running") }
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = deadline - .now
            guard left > .zero, let event = await child.events.next(timeout: left) else {
                try checkExitedWithOutputOpen(child)
                return nil
            }
            switch event {
            case .closed:
                let ended = await child.waitForExit(timeout: .seconds(1)).map(ChildProcess.describe) ?? "closed its output"
                throw ExecPluginError(.exited, "plugin \(ended)")
            case .invalid(let error):
                throw error
            case .message(let message):
                switch message["type"]?.string {
                case "log":
                    log(message)
                case "error":
                    let text = message["message"]?.string ?? message.jsonText
                    if message["fatal"]?.bool == true { throw ExecPluginError(.fatal, "plugin reported a fatal error: \(text)") }
                    settings.logger.error("plugin reported an error", metadata: ["error": "\(text)"])
                    metrics?.error()
                case nil:
                    throw ExecPluginError(.protocolViolation, "plugin wrote a message without 'type': \(message.jsonText.prefix(200))")
                default:
                    return message
                }
            }
        }
    }

    /// Throws once the child has exited for a while though its output is still open: a process
    /// it left behind holds the pipe, and no end of file would ever come.
    private func checkExitedWithOutputOpen(_ child: ChildProcess) throws(ExecPluginError) {
        guard let ended = child.exitDescription else { return }
        guard let since = exitedAt else {
            exitedAt = .now
            return
        }
        guard ContinuousClock.now - since >= Self.exitedOutputGrace else { return }
        throw ExecPluginError(.exited, "plugin \(ended), but a process it started still holds its output")
    }

    /// Asks the child to shut down and waits the grace period (or `grace`), then kills it.
    func stop(grace: Duration? = nil) async {
        guard let child else { return }
        self.child = nil
        try? child.write(Array("{\"type\":\"shutdown\"}\n".utf8), deadline: .now + .milliseconds(200))
        let ended = await child.stop(grace: grace ?? settings.gracePeriod)
        settings.logger.info("plugin stopped", metadata: ["pid": "\(child.pid)", "how": "\(ended)"])
    }

    private func log(_ message: JSONValue) {
        let text = message["message"]?.string ?? ""
        let level: Logger.Level = switch message["level"]?.string {
        case "debug": .debug
        case "warning": .warning
        case "error": .error
        default: .info
        }
        settings.logger.log(level: level, "\(text)", metadata: ["from": "plugin"])
    }
}
