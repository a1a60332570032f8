import EdgeCore
import Foundation
import Testing

@Suite struct NotifySocketTests {
    @Test func sendsToAnAbstractNamespaceSocket() throws {
        let name = "retail-edge-test-\(UUID().uuidString.prefix(8))"
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = [UInt8(0)] + Array(name.utf8)
        withUnsafeMutableBytes(of: &addr.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        try #require(bound == 0)
        let socket = try #require(NotifySocket(environment: ["NOTIFY_SOCKET": "@" + name]))
        #expect(socket.send("READY=1\nSTATUS=ok"))
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        #expect(n > 0)
        #expect(String(decoding: buffer[0..<max(0, n)], as: UTF8.self) == "READY=1\nSTATUS=ok")
    }

    @Test func aMissingListenerIsNotAnError() {
        #expect(NotifySocket(environment: [:]) == nil)
        #expect(NotifySocket(address: "/nonexistent/notify.sock").send("READY=1") == false)
    }

    @Test func watchdogPingsAtHalfTheTimeoutForThisProcessOnly() {
        #expect(WatchdogSettings(environment: ["WATCHDOG_USEC": "2000000"])?.pingInterval == .seconds(1))
        #expect(WatchdogSettings(environment: ["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": "1"], pid: 42) == nil)
        #expect(WatchdogSettings(environment: ["WATCHDOG_USEC": "0"]) == nil)
        #expect(WatchdogSettings(environment: [:]) == nil)
    }
}
