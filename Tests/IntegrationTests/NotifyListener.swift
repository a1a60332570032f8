import Foundation

/// A Unix datagram socket standing in for systemd's notification socket.
final class NotifyListener {
    let path: String
    private let fd: Int32

    init() throws {
        path = NSTemporaryDirectory() + "/notify-\(UUID().uuidString.prefix(8)).sock"
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &addr.sun_path) { $0.copyBytes(from: bytes + [0]) }
        let result = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else { throw POSIXError(.EADDRINUSE) }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// Messages received until `deadline` or until `stop` says enough, with their arrival times.
    func receive(until deadline: Date, stop: ([(Date, String)]) -> Bool = { _ in false }) -> [(Date, String)] {
        var messages: [(Date, String)] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline, !stop(messages) {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { messages.append((Date(), String(decoding: buffer[0..<n], as: UTF8.self))) }
        }
        return messages
    }
}
