#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the regular files a `path` option names: one file, a glob, or a directory (its
/// `*.csv` files), sorted by path.
enum FileMatcher {
    struct Match: Equatable {
        var path: String
        var device: UInt64
        var inode: UInt64
        var size: Int64
    }

    static func files(for pattern: String, extension ext: String = "csv") -> [Match] {
        var info = stat()
        var patterns = [pattern]
        if stat(pattern, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            patterns = [pattern.hasSuffix("/") ? pattern + "*.\(ext)" : pattern + "/*.\(ext)"]
        }
        var result: [Match] = []
        for pattern in patterns {
            var matches = glob_t()
            defer { globfree(&matches) }
            guard glob(pattern, 0, nil, &matches) == 0 else { continue }
            for i in 0..<Int(matches.gl_pathc) {
                guard let cPath = matches.gl_pathv[i] else { continue }
                let path = String(cString: cPath)
                var st = stat()
                guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
                result.append(Match(path: path, device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size)))
            }
        }
        return result.sorted { $0.path < $1.path }
    }

    /// Why `pattern` names nothing that could ever match, or `nil` when it exists: a plain path
    /// that does not exist, or a glob whose directory does not (`No such file or directory`,
    /// from strerror). A glob that matches no file yet is fine: files may come.
    static func missingReason(for pattern: String) -> String? {
        let components = pattern.split(separator: "/", omittingEmptySubsequences: false)
        let firstGlob = components.firstIndex { $0.contains(where: { "*?[".contains($0) }) }
        let existing = firstGlob.map { components[..<$0].joined(separator: "/") } ?? pattern
        let checked = existing.isEmpty ? (pattern.hasPrefix("/") ? "/" : ".") : existing
        var info = stat()
        guard stat(checked, &info) != 0 else { return nil }
        let reason = String(cString: strerror(errno))
        return checked == pattern ? "'\(pattern)' does not exist: \(reason)" : "'\(checked)' (the directory of '\(pattern)') does not exist: \(reason)"
    }
}
