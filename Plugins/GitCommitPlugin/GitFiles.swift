import Foundation

/// The files of a git checkout that change whenever its HEAD commit changes: HEAD, HEAD's reflog,
/// the checked-out branch's ref and packed-refs. Handles linked worktrees (`.git` is a file
/// naming the real git directory). Empty when the package is not a git checkout.
struct GitFiles {
    let root: URL

    var watched: [URL] {
        guard let gitDirectory = gitDirectory else { return [] }
        let common = commonDirectory(of: gitDirectory)
        var files = [gitDirectory.appendingPathComponent("HEAD"), gitDirectory.appendingPathComponent("logs/HEAD"),
                     common.appendingPathComponent("packed-refs")]
        if let head = try? String(contentsOf: gitDirectory.appendingPathComponent("HEAD"), encoding: .utf8),
           head.hasPrefix("ref: ") {
            files.append(common.appendingPathComponent(head.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        return files.filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// `.git`, or the directory a `.git` file points to (`gitdir: PATH`).
    private var gitDirectory: URL? {
        let dotGit = root.appendingPathComponent(".git")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { return dotGit }
        return pointer(in: dotGit, key: "gitdir: ", relativeTo: root)
    }

    /// The directory shared by all worktrees (`commondir`), or the git directory itself.
    private func commonDirectory(of gitDirectory: URL) -> URL {
        pointer(in: gitDirectory.appendingPathComponent("commondir"), key: "", relativeTo: gitDirectory) ?? gitDirectory
    }

    /// The path a one-line pointer file names, resolved against `base` when relative.
    private func pointer(in file: URL, key: String, relativeTo base: URL) -> URL? {
        guard let text = try? String(contentsOf: file, encoding: .utf8), text.hasPrefix(key) else { return nil }
        let path = text.dropFirst(key.count).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !path.isEmpty else { return nil }
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path).standardizedFileURL
    }
}
