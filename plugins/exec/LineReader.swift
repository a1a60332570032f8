#if canImport(Glibc)
import Glibc
#endif

/// Splits what a file descriptor delivers into lines, skipping lines longer than a limit (and
/// reporting one as soon as it passes the limit). Blocks its thread until end of file.
struct LineReader {
    enum Line {
        case line([UInt8])
        /// A line longer than the limit was skipped; the bytes seen of it.
        case tooLong(Int)
    }

    let fd: Int32
    let maxLineBytes: Int

    /// Calls `handle` for each line until end of file or until it returns false.
    func run(_ handle: (Line) -> Bool) {
        var current: [UInt8] = []
        var skipping = 0
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            var start = 0
            for index in 0..<count where chunk[index] == 0x0A {
                if skipping > 0 {
                    // Reported when it passed the limit; its end only ends the skipping.
                    skipping = 0
                } else {
                    current.append(contentsOf: chunk[start..<index])
                    if current.last == 0x0D { current.removeLast() }
                    if current.count > maxLineBytes {
                        guard handle(.tooLong(current.count)) else { return }
                    } else if !current.isEmpty, !handle(.line(current)) {
                        return
                    }
                }
                current.removeAll(keepingCapacity: true)
                start = index + 1
            }
            if skipping > 0 {
                skipping += count - start
            } else {
                current.append(contentsOf: chunk[start..<count])
                if current.count > maxLineBytes {
                    // Reported at once, not when (if ever) its newline comes.
                    skipping = current.count
                    current = []
                    guard handle(.tooLong(skipping)) else { return }
                }
            }
        }
        if skipping == 0, !current.isEmpty {
            _ = handle(.line(current))
        }
    }
}
