import Foundation

/// Child processes started with posix_spawn, for servers the tests run. Foundation's Process
/// would wait until every holder of its monitoring descriptor exits, which a daemon's
/// descendants inherit.
enum Daemon {
    /// Starts `argv` with its output to `log` (or /dev/null), the test process's environment
    /// plus `environment`, and returns its pid.
    static func start(_ argv: [String], log: String = "/dev/null", environment: [String: String] = [:]) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        // Default signal handling and no blocked signals in the child: the test process ignores
        // some signals, and ignored dispositions would survive the exec (SIGTERM would not stop it).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        let variables = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let cEnvironment = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cEnvironment.forEach { free($0) } }
        guard posix_spawnp(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment) == 0 else { return -1 }
        return pid
    }

    /// Runs `argv` to completion and returns its exit status.
    static func run(_ argv: [String]) -> Int32 {
        let pid = start(argv)
        guard pid > 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }

    static func stop(_ pid: pid_t) {
        guard pid > 0 else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    /// Waits until something accepts TCP connections on 127.0.0.1:`port`.
    static func waitForPort(_ port: Int, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            // A port in the ephemeral range with nothing listening can "connect" to itself (the
            // kernel picks the same port as the local end): that is not a server.
            var local = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &local) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
            close(fd)
            if connected == 0, Int(UInt16(bigEndian: local.sin_port)) != port { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }
}
