import ArgumentParser
import EdgeCore
import Foundation
import Logging

/// Options every command takes for logs and terminal output.
struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only warnings and errors: no progress, no summary.")
    var quiet = false

    @Option(name: .long, help: "Log format: text (journald-friendly) or json.")
    var logFormat: StderrLogHandler.Format = .text

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    /// Sets up swift-log once for the process and returns the agent's logger.
    func bootstrap() -> Logger {
        let level = quiet ? max(logLevel, .warning) : logLevel
        let format = logFormat
        let journald = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil
        LoggingBootstrap.once {
            LoggingSystem.bootstrap { label in StderrLogHandler(label: label, format: format, level: level, journald: journald) }
        }
        return Logger(label: "retail-edge")
    }

    /// Prints a line on stderr unless quiet.
    func say(_ line: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension StderrLogHandler.Format: ExpressibleByArgument {}
extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Bootstraps logging at most once per process.
enum LoggingBootstrap {
    private static let done = NSLock()
    nonisolated(unsafe) private static var bootstrapped = false

    static func once(_ body: () -> Void) {
        done.lock()
        defer { done.unlock() }
        guard !bootstrapped else { return }
        bootstrapped = true
        body()
    }
}
