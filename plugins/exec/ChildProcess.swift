#if canImport(Glibc)
import Glibc
#endif
import EdgeCore
import Foundation
import Logging

/// One running plugin process: spawned in its own process group (so that shutdown reaches
/// every descendant), with its standard output read line by line on a thread of its own, its
/// standard error forwarded to the log, and its standard input written without blocking
/// forever. Never waits on the cooperative pool.
final class ChildProcess: Sendable {
    let pid: pid_t
    /// Lines of the child's standard output.
    let events: EventQueue<ChildEvent>
    private let input: Int32
    private let exitStatus = LockedValue<Int32?>(nil)
    private let inputOpen = LockedValue(true)

    /// Writing to a child that exited must fail with EPIPE, not kill the agent.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    private init(pid: pid_t, input: Int32, events: EventQueue<ChildEvent>) {
        self.pid = pid
        self.input = input
        self.events = events
    }

    /// Starts `command` in `directory`. A program without a `/` is looked up in `PATH`.
    static func spawn(command: [String], directory: String, maxLineBytes: Int, logger: Logger) throws(ExecPluginError) -> ChildProcess {
        _ = ignoreBrokenPipes
        var stdinPipe: [Int32] = [-1, -1], stdoutPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
        guard let program = Self.locate(command[0]) else {
            throw ExecPluginError(.spawn, "cannot start \(command.joined(separator: " ")): '\(command[0])' is not an executable file or in PATH")
        }
        guard pipe(&stdinPipe) == 0, pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0 else {
            let reason = String(cString: strerror(errno))
            for fd in stdinPipe + stdoutPipe + stderrPipe where fd >= 0 { close(fd) }
            throw ExecPluginError(.spawn, "cannot create pipes: \(reason)")
        }
        for fd in stdinPipe + stdoutPipe + stderrPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        // Nothing else of the agent's reaches the child (database sockets, other children's
        // pipes): an inherited pipe end would keep its reader from ever seeing end of file.
        Self.closeFrom(3, in: &actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group, default signal handling (the agent ignores some) and no mask.
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        // The child runs in the plugin's directory: a shell changes to it, then execs the program.
        let shell = ["/bin/sh", "-c", "cd -- \"$0\" && exec \"$@\"", directory, program] + command.dropFirst()
        let argv: [UnsafeMutablePointer<CChar>?] = shell.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
        close(stdinPipe[0])
        close(stdoutPipe[1])
        close(stderrPipe[1])
        guard result == 0 else {
            close(stdinPipe[1])
            close(stdoutPipe[0])
            close(stderrPipe[0])
            throw ExecPluginError(.spawn, "cannot start \(command.joined(separator: " ")) in \(directory): \(String(cString: strerror(result)))")
        }
        _ = fcntl(stdinPipe[1], F_SETFL, fcntl(stdinPipe[1], F_GETFL) | O_NONBLOCK)
        let events = EventQueue<ChildEvent>(capacity: 16)
        let child = ChildProcess(pid: pid, input: stdinPipe[1], events: events)
        let output = stdoutPipe[0], errors = stderrPipe[0]
        let name = URL(fileURLWithPath: command[0]).lastPathComponent
        let childPid = pid
        Thread.detachNewThread {
            LineReader(fd: output, maxLineBytes: maxLineBytes).run { line in
                switch line {
                case .line(let bytes):
                    do {
                        return events.push(.message(try JSONValue.parse(bytes)))
                    } catch {
                        let shown = String(decoding: bytes.prefix(200), as: UTF8.self)
                        return events.push(.invalid(ExecPluginError(.invalidJSON, "plugin wrote a line that is not JSON (\(error)): \(shown)")))
                    }
                case .tooLong(let length):
                    return events.push(.invalid(ExecPluginError(.lineTooLong, "plugin wrote a line of more than \(length) bytes (max_line_bytes \(maxLineBytes)); skipped")))
                }
            }
            close(output)
            events.push(.closed)
        }
        Thread.detachNewThread {
            var throttle = StderrThrottle()
            LineReader(fd: errors, maxLineBytes: 4096).run { line in
                if case .line(let bytes) = line {
                    let (log, suppressed) = throttle.admit(at: .now)
                    if let suppressed {
                        logger.warning("plugin stderr lines suppressed", metadata: ["plugin": "\(name)", "pid": "\(childPid)", "lines": "\(suppressed)", "limit_per_second": "\(throttle.linesPerSecond)"])
                    }
                    if log {
                        logger.warning("plugin stderr", metadata: ["plugin": "\(name)", "pid": "\(childPid)", "line": "\(String(decoding: bytes, as: UTF8.self))"])
                    }
                }
                return true
            }
            close(errors)
        }
        return child
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module
    /// does not export: looked up once at run time.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// Closes every descriptor from `first` up in the child.
    private static func closeFrom(_ first: Int32, in actions: inout posix_spawn_file_actions_t) {
        _ = addCloseFrom?(&actions, first)
    }

    /// The path of `program`: itself when it has a `/`, else the first match in `PATH`.
    private static func locate(_ program: String) -> String? {
        if program.contains("/") { return access(program, X_OK) == 0 ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(program)" }.first { access($0, X_OK) == 0 }
    }

    /// Writes all of `bytes` to the child's input, waiting while the pipe is full until
    /// `deadline`. Blocks the calling thread: call it from a dedicated thread.
    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(ExecPluginError) {
        guard inputOpen.withLock({ $0 }) else { throw ExecPluginError(.exited, "the plugin was stopped") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(input, $0.baseAddress! + offset, $0.count - offset) }
            if written >= 0 {
                offset += written
                continue
            }
            switch errno {
            case EINTR:
                continue
            case EAGAIN:
                let left = deadline - ContinuousClock.now
                guard left > .zero else { throw ExecPluginError(.timeout, "plugin did not read its input in time") }
                var poller = pollfd(fd: input, events: Int16(POLLOUT), revents: 0)
                _ = poll(&poller, 1, Int32(min(100, max(1, left.seconds * 1000))))
            default:
                throw ExecPluginError(.exited, "cannot write to the plugin: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// The exit status (as `waitpid` reports it) once the child has exited, waiting at most
    /// `timeout`; `nil` if it is still running.
    func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let status = reap() { return status }
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Closes the child's input, waits up to `grace` for it to exit, then kills its whole
    /// process group and reaps it. Returns a description of how it ended.
    @discardableResult
    func stop(grace: Duration) async -> String {
        if inputOpen.withLock({ open in defer { open = false }; return open }) { close(input) }
        var ended = await waitForExit(timeout: grace).map(Self.describe)
        // Descendants may still hold the pipes; the group goes in any case.
        kill(-pid, SIGKILL)
        if ended == nil {
            ended = "killed after the grace period of \(grace.seconds)s"
            _ = await waitForExit(timeout: .seconds(5))
        }
        events.close()
        return ended ?? ""
    }

    private func reap() -> Int32? {
        exitStatus.withLock { status in
            if let status { return status }
            var raw: Int32 = 0
            if waitpid(pid, &raw, WNOHANG) == pid { status = raw }
            return status
        }
    }

    /// "exited with status 3" or "killed by signal 9".
    static func describe(_ status: Int32) -> String {
        let signal = status & 0x7F
        return signal == 0 ? "exited with status \((status >> 8) & 0xFF)" : "killed by signal \(signal)"
    }

    /// How the child ended, if it has.
    var exitDescription: String? { reap().map(Self.describe) }
}
