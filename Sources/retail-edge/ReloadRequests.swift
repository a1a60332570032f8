import Foundation
import Logging
import UnixSignals

/// Reload requests: SIGHUP, and with `--watch-config` a change of the file's size, mtime or inode.
enum ReloadRequests {
    static func stream(config: String, watch: Bool, logger: Logger) -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let signals = Task {
            for await _ in await UnixSignalsSequence(trapping: .sighup) {
                logger.info("SIGHUP received")
                continuation.yield()
            }
        }
        let watcher = Task {
            guard watch else { return }
            var last = fingerprint(config)
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                let now = fingerprint(config)
                if now != last {
                    last = now
                    logger.info("configuration file changed")
                    continuation.yield()
                }
            }
        }
        continuation.onTermination = { _ in
            signals.cancel()
            watcher.cancel()
        }
        return stream
    }

    private static func fingerprint(_ path: String) -> [Int] {
        var info = stat()
        guard stat(path, &info) == 0 else { return [] }
        return [Int(info.st_ino), Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
    }
}
