#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file named in a configuration cannot be read, in the system's words (strerror), so a
/// message says `No such file or directory` or `Permission denied` rather than only "cannot".
public enum FileAccess {
    /// The reason `path` cannot be opened for reading, or `nil` when it can.
    public static func unreadableReason(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd < 0 else {
            close(fd)
            return nil
        }
        return String(cString: strerror(errno))
    }

    /// `message` with the reason `path` cannot be read appended (`message: No such file or directory`).
    public static func explain(_ message: String, path: String) -> String {
        unreadableReason(path).map { "\(message): \($0)" } ?? message
    }
}
